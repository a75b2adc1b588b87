import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../db/schema.js'

/**
 * The only writer of `doc_updates` and `doc_snapshots` (STYLE §6). A document's state is its
 * latest snapshot merged with every later update.
 */

/** One update to store. */
export interface PendingUpdate {
  doc: string
  update: Uint8Array
  userId: string | null
}

/**
 * Stores updates in ONE insert (group commit) and returns their sequence numbers, in input order.
 */
export async function appendUpdates(
  db: Kysely<Database>,
  updates: PendingUpdate[],
): Promise<number[]> {
  if (updates.length === 0) return []
  const rows = await db
    .insertInto('doc_updates')
    .values(updates.map((u) => ({ doc: u.doc, update: u.update, user_id: u.userId })))
    .returning('seq')
    .execute()
  return rows.map((r) => r.seq)
}

/**
 * A document's whole stored state as one Yjs update, and the last seq it includes; null when
 * nothing was ever stored for it.
 */
export async function readDocState(
  db: Kysely<Database>,
  doc: string,
): Promise<{ update: Uint8Array; uptoSeq: number } | null> {
  const snapshot = await db
    .selectFrom('doc_snapshots')
    .select(['upto_seq', 'state'])
    .where('doc', '=', doc)
    .executeTakeFirst()
  const after = snapshot?.upto_seq ?? 0
  const tail = await db
    .selectFrom('doc_updates')
    .select(['seq', 'update'])
    .where('doc', '=', doc)
    .where('seq', '>', after)
    .orderBy('seq')
    .execute()
  if (!snapshot && tail.length === 0) return null
  const parts = [...(snapshot ? [snapshot.state] : []), ...tail.map((r) => r.update)]
  const update = parts.length === 1 ? parts[0] : Y.mergeUpdates(parts.map((p) => new Uint8Array(p)))
  return { update: new Uint8Array(update), uptoSeq: tail.at(-1)?.seq ?? after }
}
