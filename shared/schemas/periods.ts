import { z } from 'zod'
import { Day } from './common.js'

/** A reporting period id: letters, digits and dashes, as in `2026-H1`. */
export const PeriodId = z.string().regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and dashes, at most 20')

/** `GET /api/periods`: newest first. */
export const PeriodView = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  briefDue: z.string(),
  locked: z.boolean(),
  /** When it was locked (its figures are as of that day); null while open. */
  lockedAt: z.string().nullable(),
})
export type PeriodView = z.infer<typeof PeriodView>

/** `POST /api/periods`. */
export const PeriodInput = z
  .object({ id: PeriodId, start: Day, end: Day, briefDue: Day })
  .refine((p) => p.start <= p.end, { message: 'must not be after `end`', path: ['start'] })
export const PeriodParams = z.object({ id: PeriodId })

export const BRIEF_STATUSES = ['draft', 'submitted', 'returned', 'acknowledged'] as const
export type BriefStatus = (typeof BRIEF_STATUSES)[number]

/** A hub's brief for one period. */
export const BriefStatusView = z.object({
  periodId: z.string(),
  status: z.enum(BRIEF_STATUSES),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** HQ's note with an acknowledgement or a return. */
  note: z.string().nullable(),
})
export type BriefStatusView = z.infer<typeof BriefStatusView>

/** The frozen brief of a period: its text and its state (base64 Yjs update). */
export const BriefDetailView = BriefStatusView.extend({ text: z.string(), state: z.string() })
export type BriefDetailView = z.infer<typeof BriefDetailView>

/** `GET /api/periods/:id/briefs`: every hub's brief status for the period. */
export const ComplianceRowView = z.object({
  hubId: z.string(),
  status: z.enum(BRIEF_STATUSES),
  submittedAt: z.string().nullable(),
  /** Not submitted by the brief's due date. */
  late: z.boolean(),
})
export type ComplianceRowView = z.infer<typeof ComplianceRowView>

export const BriefParams = z.object({ hubId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), periodId: PeriodId })
export const AcknowledgeInput = z.object({ note: z.string().max(4_000).optional() })
export const ReturnInput = z.object({ note: z.string().min(1, 'say what to change').max(4_000) })
