import { sql, type RawBuilder } from 'kysely'
import { readScope, rolesOf, type Actor } from '../../shared/access.js'

/**
 * What the rows are, for read access:
 * - `items`: projected log items (`hub_id`, `cross_cutting`, `scope`), to be listed, searched or
 *   shown: a `hub` item only to its hub; a `network` one to everyone; a `hq` one to its hub, HQ,
 *   and cyber ambassadors when cross-cutting;
 * - `counted`: the same rows, to be counted in roll-up figures: every item of the hubs the actor
 *   reviews, `hub` ones included (their numbers, never their text);
 * - `docs`: hub documents' text (`hub_id`, `scope`): cyber ambassadors read none, HQ no `hub` note;
 * - `hubs`: hubs themselves (`id`): every hub is listed to cyber ambassadors (names, missions).
 */
export type ReadableRows = 'items' | 'counted' | 'docs' | 'hubs'

const DEFAULT_ALIAS: Record<ReadableRows, string> = { items: 'items', counted: 'items', docs: 'doc_text', hubs: 'hubs' }

/**
 * THE access scope as SQL: a condition that keeps only the rows `actor` may read, for lists,
 * search, roll-ups and reports alike. It says in SQL what `decide` in shared/access.ts says for
 * one row (the access tests hold both to the same matrix).
 * A RawBuilder, so it serves both a kysely `.where(…)` and a raw `sql` template.
 * @param alias the table or alias the columns belong to (defaults to the table's name)
 */
export function readableBy(actor: Actor, rows: ReadableRows, alias = DEFAULT_ALIAS[rows]): RawBuilder<boolean> {
  const roles = rolesOf(actor)
  if (roles.length === 1) return readableAs({ ...actor, role: roles[0], roles: undefined }, rows, alias)
  // Several roles: a row is readable when any of them may read it (the union, as `decide` says).
  return sql<boolean>`(${sql.join(roles.map((role) => readableAs({ ...actor, role, roles: undefined }, rows, alias)), sql` or `)})`
}

/** The condition for one role. */
function readableAs(actor: Actor, rows: ReadableRows, alias: string): RawBuilder<boolean> {
  const scope = readScope(actor)
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  const isHub = sql<boolean>`${col('scope')} = 'hub'`
  if (actor.role === 'admin' || rows === 'hubs') {
    if (rows === 'hubs' && scope.kind === 'hubs') return scope.hubIds.length ? sql<boolean>`${col('id')} in (${sql.join(scope.hubIds)})` : sql<boolean>`false`
    return sql<boolean>`true`
  }
  if (scope.kind === 'all') {
    // HQ: every hub's figures; no text of what a hub keeps among its missions.
    return rows === 'counted' ? sql<boolean>`true` : sql<boolean>`not (${isHub})`
  }
  if (scope.kind === 'cross-cutting') {
    if (rows === 'docs') return sql<boolean>`false`
    const crossCutting = sql<boolean>`(${col('cross_cutting')} and not (${isHub}))`
    return rows === 'counted' ? crossCutting : sql<boolean>`(${crossCutting} or ${col('scope')} = 'network')`
  }
  const own = scope.hubIds.length ? sql<boolean>`${col('hub_id')} in (${sql.join(scope.hubIds)})` : sql<boolean>`false`
  // Other hubs' staff read their network entries (as items, never as documents or in figures).
  return rows === 'items' ? sql<boolean>`(${own} or ${col('scope')} = 'network')` : own
}

/** Whether a row of this hub, scope and flag is readable: `readableBy` for one row, in JS. */
export type RowTest = (hubId: string, scope: string, crossCutting: boolean) => boolean

/**
 * `readableBy(actor, rows)` as a test of one item row, for what is counted in memory (the roll-up's
 * facts, server/rollup/facts/): the same conditions, role by role, held equal to the SQL by tests.
 */
export function rowTest(actor: Actor, rows: 'items' | 'counted'): RowTest {
  const tests = rolesOf(actor).map((role) => rowTestAs({ ...actor, role, roles: undefined }, rows))
  return tests.length === 1 ? tests[0] : (hubId, scope, cc) => tests.some((t) => t(hubId, scope, cc))
}

function rowTestAs(actor: Actor, rows: 'items' | 'counted'): RowTest {
  const scope = readScope(actor)
  if (actor.role === 'admin') return () => true
  if (scope.kind === 'all') return rows === 'counted' ? () => true : (_h, s) => s !== 'hub'
  if (scope.kind === 'cross-cutting') {
    return rows === 'counted' ? (_h, s, cc) => cc && s !== 'hub' : (_h, s, cc) => (cc && s !== 'hub') || s === 'network'
  }
  const own = new Set(scope.kind === 'hubs' ? scope.hubIds : [])
  return rows === 'items' ? (h, s) => own.has(h) || s === 'network' : (h) => own.has(h)
}
