import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AccessActor } from '../../shared/access.js'
import type { InboxKind } from '../../shared/schemas/comments.js'
import type { LivePublisher } from './live-streams.js'
import { unreadCounts } from './inbox.js'

/**
 * Inbox lines about hub documents rather than items: a brief's steps in a reporting period and
 * comments anchored to passages of a brief or note. Each line says which hub and document it is
 * about, so the inbox can leave it out once its reader may no longer read that document.
 */

/** An enabled user as access judges them against one hub: their role and that hub's membership. */
export interface HubReader extends AccessActor {
  name: string
  email: string
}

/**
 * The enabled users (all, or among `among`), each with their membership of `hubId` only: what
 * access needs to judge them against that hub's documents.
 */
export async function hubReaders(db: Kysely<Database>, hubId: string, among?: string[]): Promise<HubReader[]> {
  if (among && among.length === 0) return []
  let q = db.selectFrom('users').select(['id', 'name', 'email', 'role']).where('disabled_at', 'is', null)
  if (among) q = q.where('id', 'in', among)
  const users = await q.execute()
  const rows = await db.selectFrom('memberships').select(['user_id', 'coordinator']).where('hub_id', '=', hubId).execute()
  const members = new Map(rows.map((m) => [m.user_id, m.coordinator]))
  return users.map((u) => {
    const coordinator = members.get(u.id)
    return { ...u, memberships: coordinator === undefined ? [] : [{ hubId, coordinator }] }
  })
}

/** What a document line is about; `key` fills `item_id` (what the line is about, as one string). */
export interface DocNoticeTarget {
  key: string
  hubId: string
  doc: string
  noteId?: string | null
  periodId?: string | null
  threadId?: string | null
  commentId?: string | null
}

/** Adds one line per user (never to the actor) and pushes each one's new unread count live. */
export async function addDocNotices(
  db: Kysely<Database>,
  streams: LivePublisher,
  actorId: string,
  targets: { user: string; kind: InboxKind }[],
  about: DocNoticeTarget,
): Promise<void> {
  const seen = new Set<string>()
  const rows = targets.filter((t) => t.user !== actorId && !seen.has(t.user) && seen.add(t.user))
  if (rows.length === 0) return
  await db
    .insertInto('inbox_entries')
    .values(
      rows.map((t) => ({
        user_id: t.user,
        kind: t.kind,
        item_id: about.key,
        comment_id: about.commentId ?? null,
        actor_id: actorId,
        hub_id: about.hubId,
        doc: about.doc,
        note_id: about.noteId ?? null,
        period_id: about.periodId ?? null,
        thread_id: about.threadId ?? null,
      })),
    )
    .execute()
  for (const [userId, unread] of await unreadCounts(db, rows.map((r) => r.user))) streams.publish({ type: 'inbox', userId, unread })
}

/** The users named in the text as `@Full Name` or `@email`, among `readers` (the author never). */
export function mentionedIn<U extends { id: string; name: string; email: string }>(body: string, readers: U[], authorId: string): U[] {
  if (!body.includes('@')) return []
  const text = body.toLowerCase()
  return readers.filter((u) => u.id !== authorId && (text.includes(`@${u.name.toLowerCase()}`) || text.includes(`@${u.email.toLowerCase()}`)))
}
