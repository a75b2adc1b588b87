import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Fact } from './fact-table.js'
import { forumParent } from '../forum-tree.js'

/**
 * What the roll-up reads of an item row of `items` or of a locked period's frozen copy, as a JSON
 * array per row, aggregated into one JSON text per page: hundreds of thousands of rows of twenty
 * columns cost seconds to decode column by column (PGlite most), a JSON text a few milliseconds.
 */
const FACT_ARRAY = sql`json_build_array(i.id, i.hub_id, i.kind, i.scope, i.cross_cutting, cardinality(i.linked_items) > 0,
  i.active_from::text, i.active_to::text, i.status, i.due::text, i.input_status, i.escalation, i.action_kind, i.partnership,
  (extract(epoch from coalesce(i.input_requested_at, i.created_at)) * 1000)::float8,
  i.themes, i.top_themes, i.participants, i.forums, i.counterparts)`
type FactArray = [
  string, string, string, string, boolean, boolean, string | null, string | null, string | null, string | null, string | null,
  string | null, string | null, string | null, number | null, string[], string[], string[], string[], string[] | null,
]

/**
 * The columns FACT_ARRAY reads, for the row sources: `select *` would also read each row's text
 * and search vector (often out of line), tripling the cost of a read of every item.
 */
const COLUMNS = sql.raw(['id', 'hub_id', 'kind', 'scope', 'cross_cutting', 'linked_items', 'active_from', 'active_to', 'status', 'due', 'input_status',
  'escalation', 'action_kind', 'partnership', 'input_requested_at', 'created_at', 'themes', 'top_themes', 'participants', 'forums', 'counterparts'].map((c) => `s.${c}`).join(', '))

/** Rows are read in pages of this many (keyset on id): no statement holds a single connection long. */
const PAGE = 20_000

function toFact(r: FactArray): Fact {
  const [id, hubId, kind, scope, crossCutting, linked, activeFrom, activeTo, status, due, inputStatus, escalation, actionKind, partnership, requestedMs, themes, topThemes, participants, ownForums, counterparts] = r
  const forums = new Set(ownForums)
  for (const f of ownForums) {
    const parent = forumParent(f)
    if (parent) forums.add(parent)
  }
  return {
    id, hubId, kind, scope, crossCutting, linked, activeFrom, activeTo, status, due, inputStatus, escalation, actionKind, partnership, requestedMs,
    themes, topThemes, participants, forums: [...forums], counterparts: counterparts ?? [],
  }
}

/** The facts of the rows `rows` selects (items or their frozen copies), by id. */
async function readFacts(db: Kysely<Database>, rows: RawBuilder<unknown>): Promise<Fact[]> {
  const { rows: [page] } = await sql<{ j: string | null }>`select json_agg(${FACT_ARRAY} order by i.id)::text as j from (${rows}) i`.execute(db)
  return page?.j ? (JSON.parse(page.j) as FactArray[]).map(toFact) : []
}

/**
 * Every item of `source`: the live `items` page by page (keyset on its primary key), a locked
 * period's frozen copy (a derived table, no index to page on) in one read.
 */
export async function* allFacts(db: Kysely<Database>, source: RawBuilder<unknown>, paged: boolean): AsyncGenerator<Fact[]> {
  if (!paged) {
    yield await readFacts(db, sql`select ${COLUMNS} from ${source} s`)
    return
  }
  let after: string | null = null
  for (;;) {
    const page: Fact[] = await readFacts(db, sql`select ${COLUMNS} from ${source} s where ${after === null ? sql`true` : sql`s.id > ${after}`} order by s.id limit ${PAGE}`)
    if (page.length) yield page
    if (page.length < PAGE) return
    after = page[page.length - 1].id
  }
}

/** The items written by transaction `sinceXid` or later (the change feed of migration item-changes). */
export function factsChangedSince(db: Kysely<Database>, sinceXid: string): Promise<Fact[]> {
  return readFacts(db, sql`select ${COLUMNS} from items s where s.rev_xid >= ${sinceXid}::xid8`)
}

/** Ids of items deleted by transaction `sinceXid` or later. */
export async function itemsDeletedSince(db: Kysely<Database>, sinceXid: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select distinct id from item_tombstones where xid >= ${sinceXid}::xid8`.execute(db)
  return rows.map((r) => r.id)
}

/**
 * The oldest transaction that may still be running: every transaction below it has committed or
 * aborted, so a read started after this has seen all they wrote.
 */
export async function snapshotXmin(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ x: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as x`.execute(db)
  return rows[0].x
}
