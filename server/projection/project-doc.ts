import * as Y from 'yjs'
import { sql, type Kysely } from 'kysely'
import { TABLE_COLUMNS, type Database } from '../db/schema.js'
import { parseDocName, type DocName } from '../../shared/doc-names.js'
import type { Taxonomy } from '../../shared/taxonomy.js'
import { readDocState } from '../db/update-store.js'
import { docExists } from '../db/doc-exists.js'
import { lexicalDocToText } from '../editor/headless.js'
import { logItemRows } from './log-items.js'

/** Every projected column but the key: an upsert replaces the whole row. */
const UPDATED_COLUMNS = TABLE_COLUMNS.items.filter((c) => c !== 'id' && c !== 'search')

/** Text kept per brief or note for search: enough for any real document, bounded for the index. */
const TEXT_CAP = 200_000

/**
 * Projects one document from its stored state: a hub log into `items` (rows upserted, rows of
 * entries no longer in the log deleted), a brief or note into `doc_text`. Idempotent: projecting
 * the same stored state twice gives the same rows, so rebuild = incremental.
 * @returns the seq the projection now reflects, or null when the document is not projected
 */
export async function projectDoc(db: Kysely<Database>, docName: string, taxonomy: Taxonomy): Promise<number | null> {
  const name = parseDocName(docName)
  if (!name) return null
  return db.transaction().execute(async (trx) => {
    // One projection of a document at a time across processes; the state is read under the lock,
    // so a slower projection of an older state can never overwrite a newer one.
    await sql`select pg_advisory_xact_lock(hashtext(${'projection:' + docName}))`.execute(trx)
    // A note document without its notes row is listed nowhere: nothing to read or search.
    if (!(await docExists(trx, name))) return null
    const stored = await readDocState(trx, docName)
    const uptoSeq = stored?.uptoSeq ?? 0
    if (name.type === 'log') await projectLog(trx, name.hubId, stored?.update ?? null, taxonomy)
    else if (!(await projectText(trx, docName, name, stored?.update ?? null))) return null
    await saveCursor(trx, docName, uptoSeq)
    return uptoSeq
  })
}

async function projectLog(trx: Kysely<Database>, hubId: string, update: Uint8Array | null, taxonomy: Taxonomy): Promise<void> {
  const doc = new Y.Doc()
  try {
    if (update) Y.applyUpdate(doc, update)
    const rows = logItemRows(hubId, doc, taxonomy)
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
    doc.destroy()
  }
}

/** @returns false when the document has nothing to project (a note without its notes row). */
async function projectText(trx: Kysely<Database>, docName: string, name: DocName, update: Uint8Array | null): Promise<boolean> {
  let title = 'Hub brief'
  if (name.type === 'note') {
    const note = await trx.selectFrom('notes').select('title').where('id', '=', name.noteId).where('hub_id', '=', name.hubId).executeTakeFirst()
    // A note document without its notes row is listed nowhere: nothing to search.
    if (!note) return false
    title = note.title
  }
  const text = update ? (await lexicalDocToText(update)).slice(0, TEXT_CAP).replaceAll('\u0000', '\uFFFD') : ''
  await trx
    .insertInto('doc_text')
    .values({ doc: docName, hub_id: name.hubId, kind: name.type === 'note' ? 'note' : 'brief', title, text, projected_at: new Date() })
    .onConflict((oc) => oc.column('doc').doUpdateSet({ title, text, projected_at: new Date() }))
    .execute()
  return true
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
