import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/**
 * How long the outbox keeps what it is done with. A sent mail is kept 45 days, then deleted with
 * the digest entries it carried: longer than any look-back of the scheduler (30 days, plus the 7
 * days' notice of a brief due), so a once-only key (`brief_due:…`, `action_overdue:…`) is never
 * forgotten while the scheduler could still ask for the same mail again. A mail given up after
 * every retry (`failed_at`) is kept 90 days for the administrators to see
 * (`GET /api/admin/mail/failed`), then deleted too. Mail still waiting is never touched.
 */
export const MAIL_RETENTION = { sentDays: 45, failedDays: 90 } as const

const DAY_MS = 86_400_000

/** Deletes sent and given-up mail past its retention (10,000 rows a call at most; the next hour takes the rest). @returns how many outbox rows went */
export async function pruneOutbox(db: Kysely<Database>, now = new Date(), retention: { sentDays: number; failedDays: number } = MAIL_RETENTION): Promise<number> {
  const sentBefore = new Date(now.getTime() - retention.sentDays * DAY_MS)
  const failedBefore = new Date(now.getTime() - retention.failedDays * DAY_MS)
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('mail_outbox')
      .select('id')
      .where((eb) => eb.or([eb('sent_at', '<', sentBefore), eb.and([eb('failed_at', '<', failedBefore), eb('sent_at', 'is', null)])]))
      .limit(10_000)
      .execute()
    if (due.length === 0) return 0
    const ids = due.map((d) => d.id)
    // A digest's entries first: once its row is gone the foreign key would set their outbox_id to
    // null, and entries without one are mailed again in the next digest.
    await tx.deleteFrom('mail_digest_entries').where('outbox_id', 'in', ids).execute()
    await tx.deleteFrom('mail_outbox').where('id', 'in', ids).execute()
    return ids.length
  })
}

/** Mail given up after every retry, newest first, for the administrators (no payload: it may hold a link). */
export async function failedMail(db: Kysely<Database>, limit = 200) {
  const rows = await db
    .selectFrom('mail_outbox')
    .innerJoin('users', 'users.id', 'mail_outbox.user_id')
    .select(['mail_outbox.id', 'mail_outbox.kind', 'users.id as userId', 'users.email', 'mail_outbox.attempts', 'mail_outbox.last_error', 'mail_outbox.created_at', 'mail_outbox.failed_at'])
    .where('mail_outbox.failed_at', 'is not', null)
    .where('mail_outbox.sent_at', 'is', null)
    .orderBy('mail_outbox.failed_at', 'desc')
    .limit(limit)
    .execute()
  const waiting = await db.selectFrom('mail_outbox').select(sql<number>`count(*)`.as('n')).where('sent_at', 'is', null).where('failed_at', 'is', null).executeTakeFirstOrThrow()
  return {
    waiting: Number(waiting.n),
    failed: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      userId: r.userId,
      email: r.email,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      failedAt: new Date(r.failed_at!).toISOString(),
    })),
  }
}
