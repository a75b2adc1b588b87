import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import { can, type Actor } from '../../shared/access.js'
import { parseDocName } from '../../shared/doc-names.js'
import type { SearchKind, SearchQuery } from '../../shared/schemas/items.js'
import type { Scope } from '../../shared/scopes.js'
import { readableBy } from '../db/read-scope.js'
import { prefixQuery } from './item-queries.js'
import { themeMatch } from './rollup.js'

/** A search hit as the database returns it: `ref` is a document name, an item id or a comment id, by `kind`. */
export interface SearchRow {
  kind: SearchKind
  ref: string
  /** The item a comment is on (null for documents and items). */
  item_id: string | null
  hub_id: string
  title: string
  /** The snippet, with each matched word between MARK_START and MARK_END. */
  snippet: string
  /** `real` in SQL; the presenter makes it a number whatever the driver hands over. */
  rank: number | string
  scope: Scope
  cross_cutting: boolean
}

/** Marks ts_headline puts around matched words: control characters, stripped from the text first. */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'
const clean = (col: RawBuilder<unknown>) => sql`translate(${col}, ${MARK_START + MARK_END}, '')`

type Filters = Omit<SearchQuery, 'q' | 'limit'>

/**
 * `GET /api/search`: briefs, notes, items and comments `actor` may read, ranked, each with a
 * snippet whose matched words are marked. Every hit is kept by the SQL scope (`readableBy`) AND
 * decided again by shared/access.ts before it leaves: a search must never be the one path that
 * leaks. Cyber ambassadors read no hub documents, only cross-cutting items and their threads.
 */
export async function search(db: Kysely<Database>, actor: Actor, q: string, limit: number, f: Filters = {}): Promise<SearchRow[]> {
  const tsq = prefixQuery(q)
  if (!tsq) return []
  const query = sql`hubwork_search_query(${tsq})`
  const wants = (k: SearchKind) => !f.kind || f.kind === k
  const hub = (alias: string) => (f.hubId ? sql<boolean>`${sql.ref(`${alias}.hub_id`)} = ${f.hubId}` : sql<boolean>`true`)
  const period = (col: string) =>
    sql<boolean>`(${f.from ? sql`${sql.ref(col)} >= ${`${f.from}T00:00:00Z`}::timestamptz` : sql`true`} and ${f.to ? sql`${sql.ref(col)} < ${`${f.to}T00:00:00Z`}::timestamptz + interval '1 day'` : sql`true`})`
  const theme = (alias: string) => (f.theme ? themeMatch(f.theme, alias) : sql<boolean>`true`)
  const parts: RawBuilder<unknown>[] = []
  // Briefs and notes carry no themes: a theme filter leaves them out.
  const docKinds = (['brief', 'note'] as const).filter(wants)
  if (docKinds.length && !f.theme) {
    parts.push(sql`select d.kind, d.doc as ref, null::text as item_id, d.hub_id, d.title, d.text as body, d.scope, false as cross_cutting,
             ts_rank(d.search, ${query}) as rank
        from doc_text d
       where ${readableBy(actor, 'docs', 'd')} and d.kind in (${sql.join([...docKinds])}) and ${hub('d')} and ${period('d.projected_at')}
         and d.search @@ ${query}`)
  }
  const itemKinds = (['exchange', 'action'] as const).filter(wants)
  if (itemKinds.length) {
    parts.push(sql`select i.kind, i.id as ref, null::text as item_id, i.hub_id, i.title, i.body, i.scope, i.cross_cutting,
             ts_rank(i.search, ${query}) as rank
        from items i
       where ${readableBy(actor, 'items', 'i')} and i.kind in (${sql.join([...itemKinds])}) and ${hub('i')} and ${theme('i')} and ${period('i.created_at')}
         and i.search @@ ${query}`)
  }
  if (wants('comment')) {
    // A comment is read with its item: the thread of an item the reader may not see stays unseen.
    parts.push(sql`select 'comment' as kind, c.id as ref, c.item_id, c.hub_id, i.title, c.body, i.scope, i.cross_cutting,
             ts_rank(c.search, ${query}) as rank
        from comments c join items i on i.id = c.item_id
       where ${readableBy(actor, 'items', 'i')} and c.deleted_at is null and ${hub('i')} and ${theme('i')} and ${period('c.created_at')}
         and c.search @@ ${query}`)
  }
  if (!parts.length) return []
  // Ranked and cut first; snippets (ts_headline re-parses the text) only for the hits returned.
  const rows = await sql<SearchRow>`
    select kind, ref, item_id, hub_id, title, rank, scope, cross_cutting,
           ts_headline('hubwork_simple', ${clean(sql.ref('body'))}, ${query},
             ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
    from (${sql.join(parts, sql` union all `)} order by rank desc, title limit ${limit}) hits
    order by rank desc, title`.execute(db)
  return rows.rows.filter((r) => mayRead(actor, r))
}

/** The one-row decision of shared/access.ts, for each hit the SQL scope kept. */
function mayRead(actor: Actor, r: SearchRow): boolean {
  if (r.kind === 'brief' || r.kind === 'note') {
    const doc = parseDocName(r.ref)
    return !!doc && can(actor, { kind: 'doc', doc, scope: r.scope }, 'read')
  }
  return can(actor, { kind: 'item', hubId: r.hub_id, crossCutting: r.cross_cutting, scope: r.scope }, 'read')
}

/** Splits a marked snippet into its plain text and the [start, end) ranges of the matched words. */
export function unmark(marked: string): { text: string; highlights: [number, number][] } {
  let text = ''
  let open = -1
  const highlights: [number, number][] = []
  for (const ch of marked) {
    if (ch === MARK_START) open = text.length
    else if (ch === MARK_END) {
      if (open >= 0 && text.length > open) highlights.push([open, text.length])
      open = -1
    } else text += ch
  }
  return { text, highlights }
}
