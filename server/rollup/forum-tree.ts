import { sql, type RawBuilder } from 'kysely'
import { loadTaxonomy } from '../taxonomy-file.js'

/** The parent of each sub-forum of the taxonomy (`itu-pp26` → `itu`). */
let parents: Map<string, string> | null = null
function subForums(): Map<string, string> {
  parents ??= new Map(loadTaxonomy().forums.filter((f) => f.parent !== f.id).map((f) => [f.id, f.parent]))
  return parents
}

/** The parent forum of a sub-forum, null for a top-level (or unknown) forum. */
export const forumParent = (id: string): string | null => subForums().get(id) ?? null

/** Parents first, each followed by its sub-forums (a sub-forum's row is part of its parent's total). */
export function forumTree<T extends { forumId: string; parent: string | null }>(rows: T[]): T[] {
  const top = rows.filter((r) => r.parent === null || !rows.some((p) => p.forumId === r.parent))
  return top.flatMap((p) => [p, ...rows.filter((c) => c.parent === p.forumId)])
}

/**
 * In SQL, the forums a record counts toward: its own and the parents of its sub-forums, each once
 * (a record of ITU PP-26 counts for ITU too; one tagged with both counts once for ITU).
 */
export function forumsWithParents(forums: RawBuilder<unknown>): RawBuilder<unknown> {
  const pairs = [...subForums()]
  const own = sql`select x as id from unnest(${forums}) x`
  if (pairs.length === 0) return own
  const map = sql.join(pairs.map(([child, parent]) => sql`(${child}, ${parent})`))
  return sql`${own} union select m.parent from unnest(${forums}) x join (values ${map}) m(child, parent) on m.child = x`
}
