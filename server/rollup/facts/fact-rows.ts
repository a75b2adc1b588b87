import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Fact } from './fact-table.js'
import { forumParent } from '../forum-tree.js'

/** A row of FACT_COLUMNS. */
interface FactRow {
  id: string
  hub_id: string
  kind: string
  scope: string
  cross_cutting: boolean
  linked: boolean
  active_from: string | null
  active_to: string | null
  status: string | null
  due: string | null
  input_status: string | null
  escalation: string | null
  action_kind: string | null
  partnership: string | null
  requested_ms: number | null
  themes: string[]
  top_themes: string[]
  participants: string[]
  forums: string[]
  counterparts: string[] | null
}

/** What the roll-up reads of an item row of `items` or of a locked period's frozen copy. */
const FACT_COLUMNS = sql`i.id, i.hub_id, i.kind, i.scope, i.cross_cutting, cardinality(i.linked_items) > 0 as linked,
  i.active_from::text as active_from, i.active_to::text as active_to, i.status, i.due::text as due, i.input_status,
  i.escalation, i.action_kind, i.partnership,
  (extract(epoch from coalesce(i.input_requested_at, i.created_at)) * 1000)::float8 as requested_ms,
  i.themes, i.top_themes, i.participants, i.forums, i.counterparts`

/** Rows are read in pages of this many (keyset on id): no statement holds a single connection long. */
const PAGE = 20_000

function toFact(r: FactRow): Fact {
  const forums = new Set(r.forums)
  for (const f of r.forums) {
    const parent = forumParent(f)
    if (parent) forums.add(parent)
  }
  return {
    id: r.id, hubId: r.hub_id, kind: r.kind, scope: r.scope, crossCutting: r.cross_cutting, linked: r.linked,
    activeFrom: r.active_from, activeTo: r.active_to, status: r.status, due: r.due, inputStatus: r.input_status,
    escalation: r.escalation, actionKind: r.action_kind, partnership: r.partnership,
    requestedMs: r.requested_ms === null ? null : Number(r.requested_ms),
    themes: r.themes, topThemes: r.top_themes, participants: r.participants, forums: [...forums], counterparts: r.counterparts ?? [],
  }
}

/**
 * Every item of `source`: the live `items` page by page (keyset on its primary key), a locked
 * period's frozen copy (a derived table, no index to page on) in one read.
 */
export async function* allFacts(db: Kysely<Database>, source: RawBuilder<unknown>, paged: boolean): AsyncGenerator<Fact[]> {
  if (!paged) {
    const { rows } = await sql<FactRow>`select ${FACT_COLUMNS} from ${source} i`.execute(db)
    yield rows.map(toFact)
    return
  }
  let after: string | null = null
  for (;;) {
    const page: { rows: FactRow[] } = await sql<FactRow>`select ${FACT_COLUMNS} from ${source} i
      where ${after === null ? sql`true` : sql`i.id > ${after}`} order by i.id limit ${PAGE}`.execute(db)
    if (page.rows.length) yield page.rows.map(toFact)
    if (page.rows.length < PAGE) return
    after = page.rows[page.rows.length - 1].id
  }
}

/** The items written by transaction `sinceXid` or later (the change feed of migration item-changes). */
export async function factsChangedSince(db: Kysely<Database>, sinceXid: string): Promise<Fact[]> {
  const { rows } = await sql<FactRow>`select ${FACT_COLUMNS} from items i where i.rev_xid >= ${sinceXid}::xid8`.execute(db)
  return rows.map(toFact)
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
