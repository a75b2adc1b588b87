import { sql, type Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from './schema.js'

/**
 * The only writer of `doc_updates` and `doc_snapshots` (so the persist-before-relay rule has one place). A document's state is its
 * latest snapshot merged with every later update.
 */

/** A log entry an update creates, and who created it (recorded with the update). */
export interface EntryOrigin {
  itemId: string
  hubId: string
  userId: string
  mission: string
}

/** One update to store. */
export interface PendingUpdate {
  doc: string
  update: Uint8Array
  userId: string | null
  /** Log entries this update creates. */
  origins?: EntryOrigin[]
}

/**
 * Stores updates in ONE insert (group commit) and returns their sequence numbers, in input order.
 * When some create log entries, their origins go in the same transaction: an entry is never
 * stored without its author.
 */
export async function appendUpdates(
  db: Kysely<Database>,
  updates: PendingUpdate[],
): Promise<number[]> {
  if (updates.length === 0) return []
  const origins = updates.flatMap((u) => u.origins ?? [])
  const insert = (trx: Kysely<Database>) =>
    trx
      .insertInto('doc_updates')
      .values(updates.map((u) => ({ doc: u.doc, update: u.update, user_id: u.userId })))
      .returning('seq')
      .execute()
  if (origins.length === 0) return (await insert(db)).map((r) => r.seq)
  return db.transaction().execute(async (trx) => {
    const rows = await insert(trx)
    await trx
      .insertInto('entry_origins')
      .values(origins.map((o) => ({ item_id: o.itemId, hub_id: o.hubId, user_id: o.userId, mission: o.mission, source: 'stored' as const })))
      .onConflict((oc) => oc.column('item_id').doNothing())
      .execute()
    return rows.map((r) => r.seq)
  })
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
  // Every row still stored, not only seq > upto_seq: compaction deletes exactly the rows it merged,
  // and a row with a lower seq may commit after a compaction read (seqs are taken at insert, not
  // at commit). Applying an update twice is harmless in Yjs.
  const tail = await db
    .selectFrom('doc_updates')
    .select(['seq', 'update'])
    .where('doc', '=', doc)
    .orderBy('seq')
    .execute()
  if (!snapshot && tail.length === 0) return null
  const parts = [...(snapshot ? [snapshot.state] : []), ...tail.map((r) => r.update)]
  const update = parts.length === 1 ? parts[0] : Y.mergeUpdates(parts.map((p) => new Uint8Array(p)))
  return { update: new Uint8Array(update), uptoSeq: Math.max(after, tail.at(-1)?.seq ?? 0) }
}

/**
 * A document's stored parts (snapshot, then updates), unmerged: merging a large document is CPU
 * work, so callers hand the parts to the worker thread (see the cpu task `lexicalBlocks`).
 */
export async function readDocParts(db: Kysely<Database>, doc: string): Promise<Uint8Array[]> {
  const snapshot = await db.selectFrom('doc_snapshots').select('state').where('doc', '=', doc).executeTakeFirst()
  const tail = await db.selectFrom('doc_updates').select('update').where('doc', '=', doc).orderBy('seq').execute()
  return [...(snapshot ? [snapshot.state] : []), ...tail.map((r) => r.update)].map((p) => new Uint8Array(p))
}

/** Bounds past which a document's update tail is merged into its snapshot. */
export const COMPACT_AFTER = { updates: 500, bytes: 1024 * 1024 }

/**
 * Merges a document's stored updates into its snapshot, in ONE transaction, deleting exactly the
 * rows it merged: a crash before commit changes nothing, and rows committed meanwhile stay.
 * Concurrent compactions of one document (several processes) are serialized by an advisory lock.
 * @returns how many updates were merged
 */
export async function compactDoc(db: Kysely<Database>, doc: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${'compact:' + doc}))`.execute(trx)
    const snapshot = await trx
      .selectFrom('doc_snapshots')
      .select(['upto_seq', 'state'])
      .where('doc', '=', doc)
      .executeTakeFirst()
    const rows = await trx
      .selectFrom('doc_updates')
      .select(['seq', 'update'])
      .where('doc', '=', doc)
      .orderBy('seq')
      .execute()
    if (rows.length === 0) return 0
    const ydoc = new Y.Doc({ gc: true })
    if (snapshot) Y.applyUpdate(ydoc, new Uint8Array(snapshot.state))
    for (const r of rows) Y.applyUpdate(ydoc, new Uint8Array(r.update))
    const state = Y.encodeStateAsUpdate(ydoc)
    ydoc.destroy()
    const uptoSeq = Math.max(snapshot?.upto_seq ?? 0, rows.at(-1)!.seq)
    await trx
      .insertInto('doc_snapshots')
      .values({ doc, upto_seq: uptoSeq, state, updated_at: new Date() })
      .onConflict((oc) => oc.column('doc').doUpdateSet({ upto_seq: uptoSeq, state, updated_at: new Date() }))
      .execute()
    await trx
      .deleteFrom('doc_updates')
      .where('doc', '=', doc)
      // One array parameter, not one per row: a long tail (a database outage, an import) can pass
      // the protocol's 65,535-parameter limit, and compaction must never fail on its size.
      .where(sql<boolean>`seq = any(${rows.map((r) => r.seq)}::bigint[])`)
      .execute()
    return rows.length
  })
}

/** Stored size of a document: snapshot bytes plus tail bytes and count. */
export async function docStorageSize(db: Kysely<Database>, doc: string) {
  const snap = await db
    .selectFrom('doc_snapshots')
    .select(sql<number>`octet_length(state)`.as('bytes'))
    .where('doc', '=', doc)
    .executeTakeFirst()
  const tail = await db
    .selectFrom('doc_updates')
    .select([sql<number>`count(*)::int`.as('count'), sql<number>`coalesce(sum(octet_length(update)), 0)::bigint`.as('bytes')])
    .where('doc', '=', doc)
    .executeTakeFirstOrThrow()
  return { snapshotBytes: Number(snap?.bytes ?? 0), tailCount: Number(tail.count), tailBytes: Number(tail.bytes) }
}

/** Reads stored updates of a document by seq range (other processes' commits, after NOTIFY). */
export async function readUpdatesBetween(db: Kysely<Database>, doc: string, fromSeq: number, toSeq: number) {
  return db
    .selectFrom('doc_updates')
    .select(['seq', 'update'])
    .where('doc', '=', doc)
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .execute()
}

/** Stores a restorable version of a document. */
export async function insertVersion(
  db: Kysely<Database>,
  v: { doc: string; uptoSeq: number; state: Uint8Array; editors: string[]; reason: string },
): Promise<number> {
  const row = await db
    .insertInto('doc_versions')
    .values({ doc: v.doc, upto_seq: v.uptoSeq, state: v.state, editors: v.editors, reason: v.reason })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The state the newest version of a document holds, or null when it has none. */
export async function latestVersionState(db: Kysely<Database>, doc: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('doc_versions').select('state').where('doc', '=', doc).orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row ? new Uint8Array(row.state) : null
}
