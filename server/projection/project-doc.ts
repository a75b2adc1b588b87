import * as Y from 'yjs'
import { sql, type Kysely } from 'kysely'
import { TABLE_COLUMNS, type Database } from '../db/schema.js'
import { hubLogDocName, logDocName, parseDocName, type DocName } from '../../shared/doc-names.js'
import type { Taxonomy } from '../../shared/taxonomy.js'
import { mergeParts, readDocState, readStoredParts } from '../db/update-store.js'
import { docExists } from '../db/doc-exists.js'
import { runHeavy } from '../cpu/cpu-pool.js'
import { CpuLimits } from '../cpu/cpu-limits.js'
import { lexicalDocToText } from '../editor/headless.js'
import { logItemRows, type Origins } from './log-items.js'
import { buildItemId } from '../../shared/item-id.js'
import { readActions, readExchanges } from '../../shared/log-doc.js'
import { ggProjectIds } from '../references/gg-projects.js'
import { withMentionNames } from '../mentions/mention-names.js'
import { scratchDoc } from '../editor/scratch-doc.js'
import type { LiveDocs } from '../db/live-docs.js'
import { writeDocText, type DocTextWrite } from './doc-text-write.js'

/** Every projected column but the key: an upsert replaces the whole row. */
const UPDATED_COLUMNS = TABLE_COLUMNS.items.filter((c) => c !== 'id' && c !== 'search' && c !== 'rev_xid')

/** Text kept per brief or note for search: enough for any real document, bounded for the index. */
const TEXT_CAP = 200_000

/**
 * Projects one document from its stored state: a hub log into `items` (rows upserted, rows of
 * entries no longer in the log deleted), a brief or note into `doc_text`. Idempotent: projecting
 * the same stored state twice gives the same rows, so rebuild = incremental.
 * @param live this process's open rooms, where a brief's or note's text may be read (see projectTextDoc)
 * @returns the seq the projection now reflects, or null when the document is not projected
 */
export async function projectDoc(db: Kysely<Database>, docName: string, taxonomy: Taxonomy, live?: LiveDocs): Promise<number | null> {
  const name = parseDocName(docName)
  if (!name) return null
  if (name.type !== 'log') return projectTextDoc(db, docName, name, live)
  return db.transaction().execute(async (trx) => {
    // One projection of a hub's log at a time across processes; the state is read under the lock,
    // so a slower projection of an older state can never overwrite a newer one. A hub's two log
    // documents are projected together (one lock for both).
    await sql`select pg_advisory_xact_lock(hashtext(${'projection:' + logDocName(name.hubId)}))`.execute(trx)
    // A hub's log exists with its hub.
    if (!(await docExists(trx, name))) return null
    const [shared, hubOnly] = await Promise.all([readDocState(trx, logDocName(name.hubId)), readDocState(trx, hubLogDocName(name.hubId))])
    await projectLog(trx, name.hubId, shared?.update ?? null, hubOnly?.update ?? null, taxonomy)
    await saveCursor(trx, logDocName(name.hubId), shared?.uptoSeq ?? 0)
    await saveCursor(trx, hubLogDocName(name.hubId), hubOnly?.uptoSeq ?? 0)
    return (name.hubOnly ? hubOnly : shared)?.uptoSeq ?? 0
  })
}

/**
 * A brief or a note → `doc_text`. Its text is read before anything is written: headless Lexical
 * over a long document waits for the worker thread (behind a diff or a report, seconds), and a
 * transaction open that long would hold PGlite's one connection, and with it every other request.
 * When the document's room is open in this process (`live`), its text is read there: the room
 * holds exactly what is stored up to its seq, so no stored part is read and no tail merged (at
 * 1,000 clients on 200 notes edited without pause, 40 projections a second each read and merged
 * the stored tail). The write then also checks that nothing stored is past that seq (an update
 * written around the sync server), and the text is read from storage when something is.
 */
async function projectTextDoc(db: Kysely<Database>, docName: string, name: DocName, live?: LiveDocs): Promise<number | null> {
  const held = live?.read(docName)
  if (held && held.uptoSeq > 0) {
    // Encoded at once: the room changes at the next relay, and the seq must match what was read.
    const { uptoSeq } = held
    const state = hasEditorContent(held.doc) ? Y.encodeStateAsUpdate(held.doc) : null
    const done = await writeDocText(db, docName, name, state ? await searchText(db, [state], state.byteLength) : '', uptoSeq, true)
    if (!('behind' in done)) return seqOf(done)
  }
  const stored = await readStoredParts(db, docName)
  const text = stored ? await searchText(db, stored.parts, stored.bytes) : ''
  return seqOf(await writeDocText(db, docName, name, text, stored?.uptoSeq ?? 0))
}

const seqOf = (done: DocTextWrite): number | null => ('written' in done ? done.written : 'newer' in done ? done.newer : null)

/**
 * Whether a document holds Lexical content at all (its root `XmlText`): one that does not (a note
 * opened but never typed into, or a document of other types) has no text, and headless Lexical
 * over it is a binding set up for nothing. `share.has`, not `get`: getting would define the type.
 */
const hasEditorContent = (doc: Y.Doc): boolean => doc.share.has('root')

/** A document's search text: mentions as the person's name (`@Ewa Beispiel`, as the editor shows them), bounded. */
async function searchText(db: Kysely<Database>, parts: Uint8Array[], bytes: number): Promise<string> {
  return (await withMentionNames(db, await toText(parts, bytes))).slice(0, TEXT_CAP).replaceAll('\u0000', '\uFFFD')
}

// Merging the stored parts and headless Lexical over the whole document are O(document): a long
// one goes to the worker thread, merge included (a 20,000-word brief's merge alone holds the
// event loop ~100 ms), so that a brief edited without pause does not stall the sync server every
// few seconds. Short ones stay here: the worker is a second V8 heap (~100 MiB RSS) not worth
// starting for them.
const toText = (parts: Uint8Array[], bytes: number) =>
  bytes > CpuLimits.docOnWorkerBytes ? runHeavy('lexicalText', parts) : lexicalDocToText(mergeParts(parts))

/**
 * A hub's log is two documents, projected together: entries of the hub-only log are of scope
 * `hub`, those of the shared log `hq` or `network` as they say. An entry id found in both (never
 * written so by an honest client; for an instant while an entry moves) is the hub-only one's: the
 * narrower audience wins. Projecting both at once makes the result independent of which changed.
 */
async function projectLog(trx: Kysely<Database>, hubId: string, shared: Uint8Array | null, hubOnly: Uint8Array | null, taxonomy: Taxonomy): Promise<void> {
  const docs = [scratchDoc(), scratchDoc()]
  try {
    if (shared) Y.applyUpdate(docs[0], shared)
    if (hubOnly) Y.applyUpdate(docs[1], hubOnly)
    const origins = await entryOrigins(trx, hubId, docs)
    const [members, ggProjects] = await Promise.all([
      trx.selectFrom('memberships').select('user_id').where('hub_id', '=', hubId).execute(),
      ggProjectIds(trx),
    ])
    const refs = { members: new Set(members.map((m) => m.user_id)), ggProjects }
    const exchangeIds = new Set(docs.flatMap((d) => readExchanges(d).map((e) => e.id)))
    const kept = logItemRows(hubId, docs[1], taxonomy, new Date(), origins, true, refs, exchangeIds)
    const keptIds = new Set(kept.map((r) => r.id))
    const rows = [...kept, ...logItemRows(hubId, docs[0], taxonomy, new Date(), origins, false, refs, exchangeIds).filter((r) => !keptIds.has(r.id))]
    const ids = rows.map((r) => r.id)
    let gone = trx.deleteFrom('items').where('hub_id', '=', hubId)
    if (ids.length) gone = gone.where('id', 'not in', ids)
    await gone.execute()
    // Chunks keep each statement's parameter count well under PostgreSQL's limit.
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('items')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))),
        )
        .execute()
    }
  } finally {
    for (const d of docs) d.destroy()
  }
}

/**
 * The recorded creators of a hub's entries. Entries older than the record (seeded, or stored
 * before the sync server recorded creators) are recorded once from the document as it stands, and
 * marked so: from then on no later edit of the document can change who wrote them.
 */
async function entryOrigins(trx: Kysely<Database>, hubId: string, docs: Y.Doc[]): Promise<Origins> {
  const rows = await trx.selectFrom('entry_origins').select(['item_id', 'user_id', 'mission']).where('hub_id', '=', hubId).execute()
  const origins = new Map(rows.map((r) => [r.item_id, { userId: r.user_id, mission: r.mission }]))
  const unrecorded = docs.flatMap((doc) => [...readExchanges(doc), ...readActions(doc)])
    .map((e) => ({ item_id: buildItemId(hubId, e.kind, e.id), hub_id: hubId, user_id: e.authorId || null, mission: e.mission || null, source: 'document' as const }))
    .filter((r) => !origins.has(r.item_id))
  for (let i = 0; i < unrecorded.length; i += 500) {
    await trx.insertInto('entry_origins').values(unrecorded.slice(i, i + 500)).onConflict((oc) => oc.column('item_id').doNothing()).execute()
  }
  for (const r of unrecorded) origins.set(r.item_id, { userId: r.user_id, mission: r.mission })
  return origins
}

async function saveCursor(db: Kysely<Database>, doc: string, uptoSeq: number) {
  await db
    .insertInto('projection_cursors')
    .values({ doc, upto_seq: uptoSeq, updated_at: new Date() })
    .onConflict((oc) => oc.column('doc').doUpdateSet({ upto_seq: sql`greatest(projection_cursors.upto_seq, excluded.upto_seq)`, updated_at: new Date() }))
    .execute()
}

/** Every stored document whose newest update is past its projection cursor (or never projected). */
export async function docsBehind(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ doc: string }>`
    select d.doc from (
      select doc, max(seq) as upto from doc_updates group by doc
      union all
      select doc, upto_seq as upto from doc_snapshots
    ) d
    left join projection_cursors c on c.doc = d.doc
    group by d.doc, c.upto_seq
    having c.upto_seq is null or max(d.upto) > c.upto_seq
    order by d.doc`.execute(db)
  return rows.rows.map((r) => r.doc)
}
