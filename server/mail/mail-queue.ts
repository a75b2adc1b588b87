import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { DEFAULT_MAIL_MODES, MAIL_KINDS, type AnyMailKind, type MailKind, type MailMode } from '../../shared/schemas/mail.js'

/**
 * The one way into the mail: `enqueueMail(db, {kind, userId, ...})`. It never sends anything and
 * never waits on an SMTP server: it writes a row (the outbox, or the person's daily digest) in the
 * caller's database, or nothing when the person chose `never` for that kind or this deployment has
 * no SMTP_URL. The mail worker (mail-worker.ts) sends it, rendering it for its recipient at send
 * time with the access authority: a payload holds references (item, hub, period), never text.
 */

/** What a mail is about; what its kind needs (item kinds: `itemId`; brief kinds: `hubId`, `periodId`; account kinds: `link`). */
export interface MailRequest {
  kind: AnyMailKind
  userId: string
  /** Who caused it (shown by name: "Ewa Beispiel mentioned you"). */
  actorId?: string | null
  itemId?: string
  /** A hub document (`hub/<id>/brief`, `hub/<id>/notes/<note>`): a comment anchored in it. */
  doc?: string
  hubId?: string
  periodId?: string
  /** `YYYY-MM-DD`: a due date the mail names. */
  due?: string
  /** Set-password link (invitations and resets). */
  link?: string
  /** Makes the mail once-only: a second request with the same key adds nothing, across processes. */
  dedupeKey?: string
}

/** Databases whose process sends mail (its worker runs), and how to wake that worker up. */
const senders = new WeakMap<object, () => void>()

/**
 * Called by the mail worker when it starts: from then on, mail requested on this database is queued.
 * Keyed by the database handle rather than a global switch: several servers in one process (tests)
 * each decide for their own database.
 */
export function registerMailSender(db: Kysely<Database>, wake: () => void): () => void {
  senders.set(db, wake)
  return () => senders.delete(db)
}

/** Whether mail requested on this database is queued (SMTP_URL is set for its process). */
export const mailEnabled = (db: Kysely<Database>) => senders.has(db)

const isChoosable = (kind: AnyMailKind): kind is MailKind => (MAIL_KINDS as readonly string[]).includes(kind)

/** Each person's choice for every kind (defaults filled in). */
export async function mailModes(db: Kysely<Database>, userId: string): Promise<Record<MailKind, MailMode>> {
  const rows = await db.selectFrom('mail_preferences').select(['kind', 'mode']).where('user_id', '=', userId).execute()
  const out = { ...DEFAULT_MAIL_MODES }
  for (const r of rows) if (isChoosable(r.kind as AnyMailKind)) out[r.kind as MailKind] = r.mode
  return out
}

/** Stores some kinds' new choices. */
export async function setMailModes(db: Kysely<Database>, userId: string, modes: Partial<Record<MailKind, MailMode>>): Promise<void> {
  const rows = Object.entries(modes).map(([kind, mode]) => ({ user_id: userId, kind, mode: mode as MailMode }))
  if (rows.length === 0) return
  await db.insertInto('mail_preferences').values(rows).onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({ mode: eb.ref('excluded.mode') }))).execute()
}

/**
 * Queues one mail for one person, as they chose for its kind.
 * @returns where it went: `outbox`, `digest`, or `none` (never, mail off, or a duplicate of `dedupeKey`)
 */
export async function enqueueMail(db: Kysely<Database>, req: MailRequest): Promise<'outbox' | 'digest' | 'none'> {
  const wake = senders.get(db)
  if (!wake) return 'none'
  const mode: MailMode = isChoosable(req.kind) ? (await mailModes(db, req.userId))[req.kind] : 'immediate'
  if (mode === 'never') return 'none'
  const { kind, userId, dedupeKey, ...rest } = req
  const payload = JSON.stringify(rest)
  const table = mode === 'digest' ? 'mail_digest_entries' : 'mail_outbox'
  const inserted = await db
    .insertInto(table)
    .values({ user_id: userId, kind, payload, dedupe_key: dedupeKey ?? null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return 'none'
  if (mode === 'immediate') wake()
  return mode === 'digest' ? 'digest' : 'outbox'
}

/** Queues the same kind of mail for several people (one row each). */
export async function enqueueMails(db: Kysely<Database>, reqs: MailRequest[]): Promise<void> {
  if (!mailEnabled(db)) return
  for (const r of reqs) await enqueueMail(db, r)
}

/** The coordinators of a hub (enabled accounts): who answers for its brief. */
export async function hubCoordinators(db: Kysely<Database>, hubId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.id')
    .where('memberships.hub_id', '=', hubId)
    .where('memberships.coordinator', '=', true)
    .where('users.disabled_at', 'is', null)
    .execute()
  return rows.map((r) => r.id)
}

/** HQ's answer to a hub's brief, mailed to the hub's coordinators (brief-cycle.ts calls it). */
export async function enqueueBriefReviewed(db: Kysely<Database>, hubId: string, periodId: string, decision: 'acknowledged' | 'returned', actorId: string): Promise<void> {
  if (!mailEnabled(db)) return
  const kind = decision === 'returned' ? 'brief_returned' : 'brief_acknowledged'
  for (const userId of await hubCoordinators(db, hubId)) {
    if (userId !== actorId) await enqueueMail(db, { kind, userId, hubId, periodId, actorId })
  }
}
