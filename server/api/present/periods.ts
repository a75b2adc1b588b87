import type { BriefDetailView, BriefStatusView, ComplianceRowView, PeriodView } from '../../../shared/schemas/periods.js'
import type { PeriodRow } from '../../periods/period-store.js'
import type { BriefRow } from '../../periods/brief-cycle.js'
import { isoOrNull } from './iso.js'

/** A period row → the API's view. */
export function presentPeriod(p: PeriodRow): PeriodView {
  return { id: p.id, start: p.start, end: p.end, briefDue: p.brief_due, locked: p.locked_at !== null, lockedAt: isoOrNull(p.locked_at) }
}

/** A hub's brief for a period; the reviewer is named for an acknowledgement. */
export function presentBrief(b: BriefRow): BriefStatusView {
  const acknowledged = b.status === 'acknowledged'
  return {
    periodId: b.period_id,
    status: b.status,
    submittedAt: isoOrNull(b.submitted_at),
    submittedBy: b.submitted_by,
    acknowledgedAt: acknowledged ? isoOrNull(b.reviewed_at) : null,
    acknowledgedBy: acknowledged ? b.reviewed_by : null,
    note: b.note,
  }
}

/** The frozen brief with its text and state. */
export function presentFrozenBrief(b: BriefRow, text: string, state: Uint8Array): BriefDetailView {
  return { ...presentBrief(b), text, state: Buffer.from(state).toString('base64') }
}

/** One hub's line of the compliance view. */
export function presentCompliance(r: { hub_id: string; status: BriefStatusView['status']; submitted_at: Date | null; late: boolean }): ComplianceRowView {
  return { hubId: r.hub_id, status: r.status, submittedAt: isoOrNull(r.submitted_at), late: r.late }
}
