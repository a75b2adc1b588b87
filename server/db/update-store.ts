import { sql, type Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from './schema.js'
import { scratchDoc } from '../editor/scratch-doc.js'

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

/** Where a commit is announced to the other processes on the same PostgreSQL (see collab/fanout.ts). */
export interface CommitNotice {
  channel: string
  processId: string
}

/**
 * Stores updates in ONE insert (group commit) and returns their sequence numbers, in input order.
 * When some create log entries, their origins go in the same transaction: an entry is never
 * stored without its author. With `notice`, the same statement NOTIFYs the other processes, one
 * notification per document with its seq range (`{p, r: [[doc, from, to]]}`): delivered when the
 * rows commit, and no second round trip per commit (it was one NOTIFY query after each INSERT).
 */
export async function appendUpdates(
  db: Kysely<Database>,
  updates: PendingUpdate[],
  notice?: CommitNotice,
): Promise<number[]> {
  if (updates.length === 0) return []
  const origins = updates.flatMap((u) => u.origins ?? [])
  const insert = async (trx: Kysely<Database>): Promise<number[]> => {
    const rows = trx.insertInto('doc_updates').values(updates.map((u) => ({ doc: u.doc, update: u.update, user_id: u.userId })))
    if (!notice) return (await rows.returning('seq').execute()).map((r) => r.seq)
    // The notifications' CTE is joined into the result so that it runs (an unreferenced SELECT
    // in WITH is never evaluated); seqs come from one sequence in row order.
    const result = await sql<{ seq: number }>`
      with ins as (${rows.returning(['seq', 'doc'])}),
      sent as (
        select pg_notify(${notice.channel}, json_build_object('p', ${notice.processId}::text, 'r', json_build_array(json_build_array(doc, min(seq), max(seq))))::text)
        from ins group by doc
      )
      select ins.seq from ins, (select count(*) from sent) as n order by ins.seq`.execute(trx)
    return result.rows.map((r) => Number(r.seq))
  }
  if (origins.length === 0) return insert(db)
  return db.transaction().execute(async (trx) => {
    const seqs = await insert(trx)
    await trx
      .insertInto('entry_origins')
      .values(origins.map((o) => ({ item_id: o.itemId, hub_id: o.hubId, user_id: o.userId, mission: o.mission, source: 'stored' as const })))
      .onConflict((oc) => oc.column('item_id').doNothing())
      .execute()
    return seqs
  })
}

/** What is stored of a document, unmerged (see `readStoredParts`). */
export interface StoredParts {
  /** The snapshot's state (if any), then every update still stored, in seq order. */
  parts: Uint8Array[]
  bytes: number
  /** The last seq the parts include. */
  uptoSeq: number
  /** The snapshot's row version (`xmin`) and size; null when there is none yet. */
  snapshot: { version: string; bytes: number } | null
  /** The seqs of the updates among the parts. */
  tailSeqs: number[]
}

/**
 * A document's stored parts (its snapshot, then every update still stored) and the last seq they
 * include; null when nothing was ever stored for it. Unmerged: merging a long document is CPU work
 * the caller may do elsewhere (on the worker thread), or avoid by applying the parts one by one.
 */
export async function readStoredParts(db: Kysely<Database>, doc: string): Promise<StoredParts | null> {
  const snapshot = await db
    .selectFrom('doc_snapshots')
    .select(['upto_seq', 'state', sql<string>`xmin::text`.as('version')])
    .where('doc', '=', doc)
    .executeTakeFirst()
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
  const parts = [...(snapshot ? [snapshot.state] : []), ...tail.map((r) => r.update)].map((p) => new Uint8Array(p))
  return {
    parts,
    bytes: parts.reduce((n, p) => n + p.byteLength, 0),
    uptoSeq: Math.max(snapshot?.upto_seq ?? 0, tail.at(-1)?.seq ?? 0),
    snapshot: snapshot ? { version: snapshot.version, bytes: snapshot.state.byteLength } : null,
    tailSeqs: tail.map((r) => r.seq),
  }
}

/**
 * A document's whole stored state as one Yjs update, and the last seq it includes; null when
 * nothing was ever stored for it. Merged here: for short documents, or off the main thread.
 */
export async function readDocState(
  db: Kysely<Database>,
  doc: string,
): Promise<{ update: Uint8Array; uptoSeq: number } | null> {
  const stored = await readStoredParts(db, doc)
  if (!stored) return null
  return { update: mergeParts(stored.parts), uptoSeq: stored.uptoSeq }
}

/** One update holding every part. */
export const mergeParts = (parts: Uint8Array[]): Uint8Array => (parts.length === 1 ? parts[0] : Y.mergeUpdates(parts))

/** A document's stored parts (snapshot, then updates), unmerged (see `readStoredParts`). */
export async function readDocParts(db: Kysely<Database>, doc: string): Promise<Uint8Array[]> {
  return (await readStoredParts(db, doc))?.parts ?? []
}

/** Bounds past which a document's update tail is merged into its snapshot. */
export const COMPACT_AFTER = { updates: 500, bytes: 1024 * 1024 }

/** A document's parts merged into one garbage-collected state (what a snapshot stores). */
export function compactState(parts: Uint8Array[]): Uint8Array {
  const ydoc = scratchDoc({ gc: true })
  try {
    Y.transact(ydoc, () => {
      for (const part of parts) Y.applyUpdate(ydoc, part)
    })
    return Y.encodeStateAsUpdate(ydoc)
  } finally {
    ydoc.destroy()
  }
}

/** What a compaction did. */
export interface Compaction {
  /** Updates merged into the snapshot (0: nothing to merge, or another compaction came first). */
  merged: number
  /** Their stored bytes. */
  mergedBytes: number
  /** Bytes of the snapshot now stored. */
  snapshotBytes: number
}

/**
 * Merges a document's stored updates into its snapshot and deletes exactly the rows it merged:
 * rows committed meanwhile stay, and a crash before the final commit changes nothing.
 * The merge happens before any transaction opens: for a long document it is CPU work that `merge`
 * may do on the worker thread, and a transaction held meanwhile would hold PGlite's one connection
 * (and with it every request). So the write checks, under an advisory lock that serializes
 * compactions of the document (across processes), that the snapshot is still the one it merged
 * from (its row version, `xmin`); if another compaction wrote since, it writes nothing.
 */
export async function compactDoc(db: Kysely<Database>, doc: string, merge: (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array> = compactState): Promise<Compaction> {
  const stored = await readStoredParts(db, doc)
  const snapshotBytes = stored?.snapshot?.bytes ?? 0
  if (!stored || stored.tailSeqs.length === 0) return { merged: 0, mergedBytes: 0, snapshotBytes }
  const state = await merge(stored.parts)
  return db.transaction().execute(async (trx): Promise<Compaction> => {
    await sql`select pg_advisory_xact_lock(hashtext(${'compact:' + doc}))`.execute(trx)
    const now = await trx
      .selectFrom('doc_snapshots')
      .select(sql<string>`xmin::text`.as('version'))
      .where('doc', '=', doc)
      .executeTakeFirst()
    if (now?.version !== stored.snapshot?.version) return { merged: 0, mergedBytes: 0, snapshotBytes }
    await trx
      .insertInto('doc_snapshots')
      .values({ doc, upto_seq: stored.uptoSeq, state, updated_at: new Date() })
      .onConflict((oc) => oc.column('doc').doUpdateSet({ upto_seq: stored.uptoSeq, state, updated_at: new Date() }))
      .execute()
    await trx
      .deleteFrom('doc_updates')
      .where('doc', '=', doc)
      // One array parameter, not one per row: a long tail (a database outage, an import) can pass
      // the protocol's 65,535-parameter limit, and compaction must never fail on its size.
      .where(sql<boolean>`seq = any(${stored.tailSeqs}::bigint[])`)
      .execute()
    return { merged: stored.tailSeqs.length, mergedBytes: stored.bytes - snapshotBytes, snapshotBytes: state.byteLength }
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
