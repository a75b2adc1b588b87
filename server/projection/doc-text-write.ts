import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { DocName } from '../../shared/doc-names.js'
import { DEFAULT_SCOPE } from '../../shared/scopes.js'

/** What writing a projected text did. */
export type DocTextWrite =
  /** Written: `doc_text` holds it and the cursor is at its seq. */
  | { written: number }
  /** A projection of a later state was written already: nothing written, the cursor is there. */
  | { newer: number }
  /** The document is listed nowhere (a note without its notes row, a brief of no hub): nothing written. */
  | { missing: true }
  /** `ifStoredUpto` failed: a stored update is past the text's seq, nothing written. */
  | { behind: true }

/**
 * Writes a brief's or note's projected text and its projection cursor in ONE statement (one
 * round trip; it was a transaction of seven: begin, lock, cursor, document, text, cursor, commit).
 * What the advisory lock guaranteed, the cursor's row lock does: the cursor moves only forward
 * (`where projection_cursors.upto_seq <= excluded.upto_seq`, re-checked on the newest row when
 * a concurrent projection holds it), and the text is written only with a cursor that moved, so a
 * slower projection of an older state never overwrites a newer one.
 * @param ifStoredUpto also write nothing unless no stored update of the document is past `uptoSeq`
 *   (a text read from the live room must hold everything stored)
 */
export async function writeDocText(
  db: Kysely<Database>,
  docName: string,
  name: DocName,
  text: string,
  uptoSeq: number,
  ifStoredUpto = false,
): Promise<DocTextWrite> {
  const now = new Date()
  // A brief exists with its hub, and is always shared with HQ; a note's title and scope are its row's.
  const target =
    name.type === 'note'
      ? sql`select title, scope from notes where id = ${name.noteId} and hub_id = ${name.hubId}`
      : sql`select ${'Hub brief'}::text as title, ${DEFAULT_SCOPE}::text as scope from hubs where id = ${name.hubId}`
  const stored = ifStoredUpto
    ? sql`(select coalesce(max(seq), 0) from doc_updates where doc = ${docName}) <= ${uptoSeq}::bigint`
    : sql`true`
  const result = await sql<{ found: number; fresh: boolean; written: number | null; cursor: number | null }>`
    with target as (${target}),
    fresh as (select ${stored} as ok),
    cursor as (
      insert into projection_cursors (doc, upto_seq, updated_at)
      select ${docName}::text, ${uptoSeq}::bigint, ${now}::timestamptz from target, fresh where fresh.ok
      on conflict (doc) do update set upto_seq = excluded.upto_seq, updated_at = excluded.updated_at
        where projection_cursors.upto_seq <= excluded.upto_seq
      returning upto_seq
    ),
    text as (
      insert into doc_text (doc, hub_id, kind, title, text, projected_at, scope)
      select ${docName}::text, ${name.hubId}::text, ${name.type === 'note' ? 'note' : 'brief'}::text, target.title, ${text}::text, ${now}::timestamptz, target.scope from target, cursor
      on conflict (doc) do update set title = excluded.title, text = excluded.text, projected_at = excluded.projected_at, scope = excluded.scope
    )
    select (select count(*) from target)::int as found, (select ok from fresh) as fresh,
      (select upto_seq from cursor) as written,
      (select upto_seq from projection_cursors where doc = ${docName}) as cursor`.execute(db)
  const row = result.rows[0]
  if (row.found === 0) return { missing: true }
  if (row.written !== null) return { written: Number(row.written) }
  if (!row.fresh) return { behind: true }
  // The cursor as this statement's snapshot saw it: a concurrent projection that won the row lock
  // committed after the snapshot, so the cursor is past `uptoSeq` at least.
  return { newer: Math.max(Number(row.cursor ?? 0), uptoSeq) }
}
