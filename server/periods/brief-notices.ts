import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { hearsOfBriefAnswers, hearsOfSubmittedBriefs } from '../../shared/access.js'
import { briefDocName } from '../../shared/doc-names.js'
import type { BriefStatus } from '../../shared/schemas/periods.js'
import type { LivePublisher } from '../comments/live-streams.js'
import { addDocNotices, hubReaders } from '../comments/doc-notices.js'

/** The key of a brief's inbox lines (`item_id`): hub and period. */
export const briefNoticeKey = (hubId: string, periodId: string) => `brief:${hubId}:${periodId}`

/**
 * Tells the people concerned of a step of a hub brief's cycle: a submission (a resubmission after
 * a return) goes to those who review briefs, HQ's answer to the hub's coordinators; each in their
 * inbox, and live to every open brief tab of the hub (its status chip and HQ's note change at once).
 */
export async function announceBriefStep(
  db: Kysely<Database>,
  streams: LivePublisher,
  step: { hubId: string; periodId: string; status: Exclude<BriefStatus, 'draft'>; previous: BriefStatus; actorId: string; note: string | null },
): Promise<void> {
  const { hubId, periodId, status } = step
  const readers = await hubReaders(db, hubId)
  const kind =
    status === 'submitted' ? (step.previous === 'returned' ? 'brief_resubmitted' : 'brief_submitted') : status === 'acknowledged' ? 'brief_acknowledged' : 'brief_returned'
  const hears = status === 'submitted' ? hearsOfSubmittedBriefs : hearsOfBriefAnswers
  const targets = readers.filter((r) => hears(r, hubId)).map((r) => ({ user: r.id, kind }) as const)
  await addDocNotices(db, streams, step.actorId, targets, { key: briefNoticeKey(hubId, periodId), hubId, doc: briefDocName(hubId), periodId })
  streams.publish({ type: 'brief', hubId, periodId, status })
}
