import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { enqueueMail, hubCoordinators } from './mail-queue.js'

/**
 * The mails no request causes: a brief due within 7 days, a brief overdue, one's own action
 * overdue, and the daily digests. Run from a timer in every server process; each mail is once-only
 * by its `dedupe_key` (a unique key in the database), so several processes sharing PostgreSQL, or
 * a process restarted, never send one twice.
 */

/** How far back an overdue brief or action is still worth a mail (older ones were missed already). */
const OVERDUE_WINDOW_DAYS = 30

const day = (d: Date) => d.toISOString().slice(0, 10)
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000)

/** Hubs whose brief for a period is not in (no row: draft; or returned), with the period's due date. */
async function briefsNotIn(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('periods as p')
    .crossJoin('hubs as h')
    .leftJoin('brief_submissions as b', (j) => j.onRef('b.period_id', '=', 'p.id').onRef('b.hub_id', '=', 'h.id'))
    .select(['p.id as period_id', 'h.id as hub_id', sql<string>`to_char(p.brief_due, 'YYYY-MM-DD')`.as('due')])
    .where('p.locked_at', 'is', null)
    .where('p.brief_due', '>=', from)
    .where('p.brief_due', '<=', to)
    .where((eb) => eb.or([eb('b.status', 'is', null), eb('b.status', '=', 'returned')]))
    .execute()
}

/** Queues what is due by `now` (UTC days). @returns how many mails were newly queued */
export async function queueScheduledMail(db: Kysely<Database>, now: Date): Promise<number> {
  const today = day(now)
  let queued = 0
  const add = async (r: Parameters<typeof enqueueMail>[1]) => {
    if ((await enqueueMail(db, r)) !== 'none') queued++
  }
  for (const b of await briefsNotIn(db, today, day(addDays(now, 7)))) {
    for (const userId of await hubCoordinators(db, b.hub_id)) {
      await add({ kind: 'brief_due', userId, hubId: b.hub_id, periodId: b.period_id, due: b.due, dedupeKey: `brief_due:${b.hub_id}:${b.period_id}:${userId}` })
    }
  }
  for (const b of await briefsNotIn(db, day(addDays(now, -OVERDUE_WINDOW_DAYS)), day(addDays(now, -1)))) {
    for (const userId of await hubCoordinators(db, b.hub_id)) {
      await add({ kind: 'brief_overdue', userId, hubId: b.hub_id, periodId: b.period_id, due: b.due, dedupeKey: `brief_overdue:${b.hub_id}:${b.period_id}:${userId}` })
    }
  }
  const actions = await db
    .selectFrom('items')
    .innerJoin('users', 'users.id', 'items.author_id')
    .select(['items.id', 'items.author_id', 'items.due'])
    .where('items.kind', '=', 'action')
    .where('items.status', 'in', ['planned', 'in_progress'])
    .where('items.due', '<', today)
    .where('items.due', '>=', day(addDays(now, -OVERDUE_WINDOW_DAYS)))
    .where('users.disabled_at', 'is', null)
    .execute()
  for (const a of actions) {
    // A new due date is a new promise: overdue again, mailed again.
    await add({ kind: 'action_overdue', userId: a.author_id!, itemId: a.id, due: a.due!, dedupeKey: `action_overdue:${a.id}:${a.due}:${a.author_id}` })
  }
  return queued
}

/**
 * Gathers each person's waiting digest entries into one mail, once per UTC day from `digestHour`
 * on. The digest's outbox row is keyed `digest:<user>:<day>`: a second process finds it taken and
 * leaves the entries alone; entries arriving after today's digest wait for tomorrow's.
 * @returns how many digests were queued
 */
export async function queueDigests(db: Kysely<Database>, now: Date, digestHour: number, wake: () => void): Promise<number> {
  if (now.getUTCHours() < digestHour) return 0
  const today = day(now)
  const users = await db.selectFrom('mail_digest_entries').select('user_id').distinct().where('outbox_id', 'is', null).execute()
  let queued = 0
  for (const { user_id } of users) {
    const done = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('mail_outbox')
        .values({ user_id, kind: 'digest', payload: '{}', dedupe_key: `digest:${user_id}:${today}` })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!row) return false
      await trx.updateTable('mail_digest_entries').set({ outbox_id: row.id }).where('user_id', '=', user_id).where('outbox_id', 'is', null).where('created_at', '<=', now).execute()
      return true
    })
    if (done) queued++
  }
  if (queued) wake()
  return queued
}
