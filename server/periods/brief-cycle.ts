import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { CollabServer } from '../collab/collab-server.js'
import { briefDocName } from '../../shared/doc-names.js'
import type { BriefStatus } from '../../shared/schemas/periods.js'
import { lexicalDocToText } from '../editor/headless.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { findPeriod } from './period-store.js'
import { enqueueBriefReviewed } from '../mail/mail-queue.js'
import { withMentionNames } from '../mentions/mention-names.js'

/**
 * The brief cycle of a period: the hub brief stays one living, co-edited document; for a period the
 * hub's coordinators submit it (its state then is kept as a version whose reason starts with
 * `submitted`, which pruning never removes), HQ acknowledges it or returns it with a note, and the
 * coordinators may submit again until it is acknowledged or the period is locked.
 */

/** A hub's brief for one period as stored (no row: still a draft). */
export interface BriefRow {
  period_id: string
  status: BriefStatus
  version_id: number | null
  submitted_at: Date | null
  submitted_by: string | null
  reviewed_at: Date | null
  reviewed_by: string | null
  note: string | null
}

/** The reason of a submitted brief's version: `submitted` first, so that pruning keeps it. */
export const submittedReason = (periodId: string) => `submitted for ${periodId}`

/** A hub's brief status in every period, newest period first. */
export async function listBriefs(db: Kysely<Database>, hubId: string): Promise<BriefRow[]> {
  const rows = await db
    .selectFrom('periods as p')
    .leftJoin('brief_submissions as b', (j) => j.onRef('b.period_id', '=', 'p.id').on('b.hub_id', '=', hubId))
    .select(['p.id as period_id', 'b.status', 'b.version_id', 'b.submitted_at', 'b.submitted_by', 'b.reviewed_at', 'b.reviewed_by', 'b.note'])
    .orderBy('p.start', 'desc')
    .orderBy('p.id')
    .execute()
  return rows.map((r) => ({ ...r, status: r.status ?? 'draft' }))
}

/** One hub's brief for a period. @throws NotFoundError for an unknown period */
export async function findBrief(db: Kysely<Database>, hubId: string, periodId: string): Promise<BriefRow> {
  await findPeriod(db, periodId)
  const row = (await listBriefs(db, hubId)).find((b) => b.period_id === periodId)
  return row!
}

/**
 * Freezes the living brief as the period's submitted brief.
 * @throws ConflictError once the period is locked or the brief acknowledged
 */
export async function submitBrief(db: Kysely<Database>, collab: CollabServer, hubId: string, periodId: string, userId: string, now = new Date()): Promise<BriefRow> {
  const period = await findPeriod(db, periodId)
  if (period.locked_at) throw new ConflictError(`period ${periodId} is locked`)
  const current = await findBrief(db, hubId, periodId)
  if (current.status === 'acknowledged') throw new ConflictError(`the brief for ${periodId} is acknowledged already`)
  const versionId = await collab.forceVersion(briefDocName(hubId), submittedReason(periodId))
  const row = { status: 'submitted' as const, version_id: versionId, submitted_at: now, submitted_by: userId, reviewed_at: null, reviewed_by: null, note: null }
  await db
    .insertInto('brief_submissions')
    .values({ hub_id: hubId, period_id: periodId, ...row })
    .onConflict((oc) => oc.columns(['hub_id', 'period_id']).doUpdateSet(row))
    .execute()
  return findBrief(db, hubId, periodId)
}

/**
 * HQ's answer to a submitted brief: acknowledged (an optional note) or returned (a note saying
 * what to change; the coordinators may then submit again).
 * @throws ConflictError once the period is locked, or when there is no submitted brief to answer
 */
export async function reviewBrief(
  db: Kysely<Database>,
  hubId: string,
  periodId: string,
  decision: 'acknowledged' | 'returned',
  userId: string,
  note: string | null,
  now = new Date(),
): Promise<BriefRow> {
  const period = await findPeriod(db, periodId)
  if (period.locked_at) throw new ConflictError(`period ${periodId} is locked`)
  const current = await findBrief(db, hubId, periodId)
  if (current.status !== 'submitted') throw new ConflictError(`there is no submitted brief for ${periodId} to answer (it is ${current.status})`)
  await db
    .updateTable('brief_submissions')
    .set({ status: decision, reviewed_at: now, reviewed_by: userId, note })
    .where('hub_id', '=', hubId)
    .where('period_id', '=', periodId)
    .execute()
  await enqueueBriefReviewed(db, hubId, periodId, decision, userId)
  return findBrief(db, hubId, periodId)
}

/** The frozen brief of a period: its text and state. @throws NotFoundError while nothing was submitted */
export async function frozenBrief(db: Kysely<Database>, hubId: string, periodId: string): Promise<{ row: BriefRow; text: string; state: Uint8Array }> {
  const row = await findBrief(db, hubId, periodId)
  if (row.version_id === null) throw new NotFoundError(`a submitted brief for ${periodId}`)
  const version = await db.selectFrom('doc_versions').select('state').where('id', '=', row.version_id).where('doc', '=', briefDocName(hubId)).executeTakeFirst()
  if (!version) throw new NotFoundError(`the submitted brief for ${periodId}`)
  const state = new Uint8Array(version.state)
  return { row, text: await withMentionNames(db, await lexicalDocToText(state)), state }
}

/** Every hub's brief for a period, and whether it came late (not submitted by the due date). */
export async function briefCompliance(db: Kysely<Database>, periodId: string, now = new Date()): Promise<{ hub_id: string; status: BriefStatus; submitted_at: Date | null; late: boolean }[]> {
  const period = await findPeriod(db, periodId)
  const rows = await db
    .selectFrom('hubs as h')
    .leftJoin('brief_submissions as b', (j) => j.onRef('b.hub_id', '=', 'h.id').on('b.period_id', '=', periodId))
    .select(['h.id as hub_id', 'b.status', 'b.submitted_at'])
    .orderBy('h.id')
    .execute()
  // Due at the end of the due day, UTC.
  const due = Date.parse(`${period.brief_due}T23:59:59.999Z`)
  return rows.map((r) => {
    const submitted = r.submitted_at ? new Date(r.submitted_at) : null
    return { hub_id: r.hub_id, status: r.status ?? 'draft', submitted_at: submitted, late: submitted ? submitted.getTime() > due : now.getTime() > due }
  })
}
