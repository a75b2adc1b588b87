import { sql, type RawBuilder } from 'kysely'
import { readScope, type Actor } from '../../shared/access.js'

/**
 * What the rows are, for read access:
 * - `items`: projected log items (`hub_id`, `cross_cutting`): cyber ambassadors read the
 *   cross-cutting ones of every hub;
 * - `docs`: hub documents' text (`hub_id`): cyber ambassadors read none;
 * - `hubs`: hubs themselves (`id`): every hub is listed to cyber ambassadors (names, missions).
 */
export type ReadableRows = 'items' | 'docs' | 'hubs'

const DEFAULT_ALIAS: Record<ReadableRows, string> = { items: 'items', docs: 'doc_text', hubs: 'hubs' }

/**
 * THE access scope as SQL: a condition that keeps only the rows `actor` may read, for lists,
 * search, roll-ups and reports alike (the decision itself is readScope's, in shared/access.ts).
 * A RawBuilder, so it serves both a kysely `.where(…)` and a raw `sql` template.
 * @param alias the table or alias the columns belong to (defaults to the table's name)
 */
export function readableBy(actor: Actor, rows: ReadableRows, alias = DEFAULT_ALIAS[rows]): RawBuilder<boolean> {
  const scope = readScope(actor)
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  if (scope.kind === 'all') return sql<boolean>`true`
  if (scope.kind === 'cross-cutting') {
    if (rows === 'items') return sql<boolean>`${col('cross_cutting')}`
    return rows === 'hubs' ? sql<boolean>`true` : sql<boolean>`false`
  }
  if (scope.hubIds.length === 0) return sql<boolean>`false`
  return sql<boolean>`${col(rows === 'hubs' ? 'id' : 'hub_id')} in (${sql.join(scope.hubIds)})`
}
