import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { mentionedIds, mentionNames } from '../../shared/editor/mention-node.js'

/**
 * A document's plain text (headless Lexical: mentions as marked user ids) with each mention as
 * `@Name`, the person's name now: what search finds and shows. One query for all the names.
 */
export async function withMentionNames(db: Kysely<Database>, text: string): Promise<string> {
  const ids = [...new Set(mentionedIds(text))].slice(0, 1000)
  if (ids.length === 0) return text
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
  const names = new Map(rows.map((r) => [r.id, r.name]))
  return mentionNames(text, (id) => names.get(id))
}

/** Blocks of a document (exports, the report) with each mention as `@Name`: one query for all the names. */
export async function blocksWithMentionNames<B extends { text: string }>(db: Kysely<Database>, blocks: B[]): Promise<B[]> {
  const ids = [...new Set(blocks.flatMap((b) => mentionedIds(b.text)))].slice(0, 1000)
  if (ids.length === 0) return blocks
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
  const names = new Map(rows.map((r) => [r.id, r.name]))
  return blocks.map((b) => ({ ...b, text: mentionNames(b.text, (id) => names.get(id)) }))
}

/** The most people a names table handed to the worker thread holds (a deployment has hundreds). */
const MAX_NAMED = 50_000

/**
 * Every person's name by id, for heavy work on the worker thread (diffs, exports) that meets
 * mentions only once it has read the document: it cannot ask the database itself.
 */
export async function everyonesNames(db: Kysely<Database>): Promise<Record<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'name']).limit(MAX_NAMED).execute()
  return Object.fromEntries(rows.map((r) => [r.id, r.name]))
}
