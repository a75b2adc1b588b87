import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import { readableBy } from '../db/read-scope.js'
import { loadActor } from '../auth/session-store.js'
import type { InboxRow } from './comment-service.js'
import { DEFAULT_SCOPE } from '../../shared/scopes.js'

/**
 * The inbox as its reader may see it now: an entry of an item the reader can no longer read (a
 * membership removed, a scope narrowed) is left out, with its title, and is not counted as unread.
 * Access is the item's current row (scope, cross-cutting), asked of the SQL access authority; an
 * entry whose item is no longer projected keeps showing, without title.
 * A line about a hub document (a brief's step, an anchored comment) shows while its reader may read
 * that document: its hub and, for a note, the note's scope now, asked of the same SQL authority.
 */
function visible(db: Kysely<Database>, actor: Actor) {
  const docReadable = sql<boolean>`exists (select 1 from (select inbox_entries.hub_id as hub_id, coalesce((select n.scope from notes n where n.id = inbox_entries.note_id and n.hub_id = inbox_entries.hub_id), ${DEFAULT_SCOPE}) as scope) as d where ${readableBy(actor, 'docs', 'd')})`
  return db
    .selectFrom('inbox_entries')
    .leftJoin('items', 'items.id', 'inbox_entries.item_id')
    .where('inbox_entries.user_id', '=', actor.id)
    .where((eb) => eb.or([eb('items.id', 'is', null), readableBy(actor, 'items', 'items') as never]))
    .where((eb) => eb.or([eb('inbox_entries.doc', 'is', null), docReadable as never]))
}

export async function inboxRows(db: Kysely<Database>, actor: Actor, limit: number): Promise<InboxRow[]> {
  return visible(db, actor)
    .leftJoin('users', 'users.id', 'inbox_entries.actor_id')
    .leftJoin('hubs', 'hubs.id', 'inbox_entries.hub_id')
    .leftJoin('doc_threads', 'doc_threads.id', 'inbox_entries.thread_id')
    // A mention in a brief or note: the line around it, as it read when written (server/mentions).
    .leftJoin('doc_mentions', 'doc_mentions.notice_key', 'inbox_entries.item_id')
    .leftJoin('notes', (j) => j.onRef('notes.id', '=', 'inbox_entries.note_id').onRef('notes.hub_id', '=', 'inbox_entries.hub_id'))
    // The comment that caused the entry, for an excerpt: it is on the item the reader may read (checked above).
    .leftJoin('comments', 'comments.id', 'inbox_entries.comment_id')
    .leftJoin('brief_submissions', (j) => j.onRef('brief_submissions.hub_id', '=', 'inbox_entries.hub_id').onRef('brief_submissions.period_id', '=', 'inbox_entries.period_id'))
    .select([
      'inbox_entries.id', 'inbox_entries.kind', 'inbox_entries.item_id', 'inbox_entries.comment_id', 'users.name as actor_name', 'inbox_entries.created_at', 'inbox_entries.read_at', 'items.title',
      (eb) => eb.fn.coalesce('items.hub_id', 'inbox_entries.hub_id').as('hub_id'),
      'hubs.name as hub_name', 'inbox_entries.doc', 'inbox_entries.period_id', 'inbox_entries.thread_id', 'inbox_entries.note_id', 'notes.title as note_title', (eb) => eb.fn.coalesce('doc_threads.quote', 'doc_mentions.excerpt').as('quote'),
      // HQ's note as it stands now (a later resubmission clears it).
      'brief_submissions.note as brief_note',
      'comments.body as comment_body', 'comments.deleted_at as comment_deleted_at',
    ])
    .orderBy('inbox_entries.created_at', 'desc')
    .orderBy('inbox_entries.id', 'desc')
    .limit(limit)
    .execute()
}

export async function unreadCount(db: Kysely<Database>, actor: Actor): Promise<number> {
  const r = await visible(db, actor)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('inbox_entries.read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The unread counts of these users (once each, for the live channel); disabled users are left out. */
export async function unreadCounts(db: Kysely<Database>, userIds: Iterable<string>): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const id of new Set(userIds)) {
    const actor = await loadActor(db, id)
    if (actor) out.set(id, await unreadCount(db, actor))
  }
  return out
}

/** Marks entries read. @returns how many changed (0: nothing to tell anyone) */
export async function markEntriesRead(db: Kysely<Database>, userId: string, ids: number[] | 'all'): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0
  let q = db.updateTable('inbox_entries').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids !== 'all') q = q.where('id', 'in', ids)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows)
}
