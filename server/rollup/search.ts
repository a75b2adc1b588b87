import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import type { SearchHit } from '../../shared/schemas/items.js'
import type { Scope } from '../../shared/scopes.js'
import { readableBy } from '../db/read-scope.js'
import { prefixQuery } from './item-queries.js'

/** A search hit as the database returns it: `ref` is a document name or an item id, by `kind`. */
export interface SearchRow {
  kind: SearchHit['kind']
  ref: string
  hub_id: string
  title: string
  snippet: string
  /** `real` in SQL; the presenter makes it a number whatever the driver hands over. */
  rank: number | string
  scope: Scope
}

/**
 * `GET /api/search`: briefs, notes and items `actor` may read, ranked, each with a plain-text
 * snippet. Cyber ambassadors read no hub documents, only cross-cutting items.
 */
export async function search(db: Kysely<Database>, actor: Actor, q: string, limit: number): Promise<SearchRow[]> {
  const tsq = prefixQuery(q)
  if (!tsq) return []
  const query = sql`to_tsquery('simple', ${tsq})`
  // Ranked and cut first; snippets (ts_headline re-parses the text) only for the hits returned.
  const rows = await sql<SearchRow>`
    select kind, ref, hub_id, title, rank, scope,
           ts_headline('simple', body, ${query}, 'StartSel="", StopSel="", MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "') as snippet
    from (
      select doc_text.kind, doc_text.doc as ref, doc_text.hub_id, doc_text.title, doc_text.text as body, doc_text.scope,
             ts_rank(doc_text.search, ${query}) as rank
        from doc_text where ${readableBy(actor, 'docs')} and doc_text.search @@ ${query}
      union all
      select items.kind, items.id as ref, items.hub_id, items.title, items.body, items.scope,
             ts_rank(items.search, ${query}) as rank
        from items where ${readableBy(actor, 'items')} and items.search @@ ${query}
      order by rank desc, title
      limit ${limit}
    ) hits
    order by rank desc, title`.execute(db)
  return rows.rows
}
