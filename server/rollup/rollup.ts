import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import { readableBy } from '../db/read-scope.js'
import type { Rollup, RollupQuery } from '../../shared/schemas/rollup.js'
import { ACTION_STATUSES } from '../../shared/item-statuses.js'
import { LIVE_FOCAL_POINTS } from './focal-points.js'
import { recordsRollup } from './records-rollup.js'
import { rowTest } from '../db/read-scope.js'
import { aggregateFacts } from './facts/fact-rollup.js'
import { FactTable } from './facts/fact-table.js'
import { allFacts } from './facts/fact-rows.js'
import type { LiveFacts } from './facts/live-facts.js'

const DAY_MS = 86_400_000

/**
 * Items on a theme: a top-level theme matches its sub-themes too (`dpi` ⊇ `dpi.digital-identity`).
 * Both forms are array containment, which the GIN indexes answer.
 */
export function themeMatch(themeId: string, alias = 'i') {
  return themeId.includes('.')
    ? sql<boolean>`${sql.ref(`${alias}.themes`)} @> array[${themeId}]::text[]`
    : sql<boolean>`${sql.ref(`${alias}.top_themes`)} @> array[${themeId}]::text[]`
}
/** Where a roll-up reads its rows from (see computeRollup). */
export interface RollupSources {
  items: RawBuilder<unknown>
  focal: RawBuilder<unknown>
  /** `items` is the live table (not a locked period's copy): its facts may come from LiveFacts. */
  live: boolean
}
export const LIVE_SOURCES: RollupSources = { items: sql`items`, focal: LIVE_FOCAL_POINTS, live: true }

/** How many overdue actions the roll-up names: the longest overdue; the rest are paged by `/api/items?overdue`. */
export const OVERDUE_PAGE = 100

export interface RollupOptions {
  /** The live items' facts kept in memory (the server's); without it the facts are read for this roll-up. */
  facts?: LiveFacts
  /** How many overdue actions to name (the report names them all). */
  overdueLimit?: number
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10)

/**
 * Whether the item `i` is a record active in the period (see computeRollup); the drill-down of
 * `/api/items?activeFrom&activeTo` uses the same condition, so it lists exactly what was counted.
 */
export function activeInPeriod(fromDay: string, toDay: string, alias = 'i') {
  const c = (col: string) => sql.ref(`${alias}.${col}`)
  // active_from/active_to are derived at projection time (server/projection/log-items.ts).
  return sql<boolean>`(cardinality(${c('linked_items')}) = 0 and ${c('active_from')} <= ${toDay}::date and ${c('active_to')} >= ${fromDay}::date)`
}

/**
 * The roll-up of a period. The figures are counted in one pass over the items' facts, kept in
 * memory and brought up to date from the items' change feed (server/rollup/facts/), so that a
 * fresh roll-up over hundreds of thousands of items takes tens of milliseconds; hubs, missions
 * and focal points, and what the lists show of each item, are read in SQL. The dashboard and the
 * progress report both call this: their figures are the same by construction.
 *
 * A record is active in the period when it is an exchange dated in it, or an action that existed
 * during it (created by its end, not completed before its start, not dropped before its start).
 * Cross-cutting items that are threads over other entries (`linked_items`) are not counted again.
 */
export async function computeRollup(
  db: Kysely<Database>,
  actor: Actor,
  q: RollupQuery,
  now = new Date(),
  /**
   * The items to count and the focal points to name: the live projection and hubs, or a locked
   * period's frozen copies (`itemsSource`, `focalSource`).
   */
  sources: RollupSources = LIVE_SOURCES,
  { facts, overdueLimit = OVERDUE_PAGE }: RollupOptions = {},
): Promise<Rollup> {
  const { focal } = sources
  const asOf = dayOf(now)

  const hubWhere: RawBuilder<boolean>[] = [readableBy(actor, 'hubs', 'h')]
  if (q.region) hubWhere.push(sql`h.region = ${q.region}`)
  const hubCond = sql.join(hubWhere, sql` and `)

  const [hubs, missionRows, registered] = await Promise.all([
    sql<{ id: string; name: string; country: string; country_name: string; region: string; focal: string | null; trained: boolean | null; trained_on: string | null }>`
      select h.id, h.name, h.country, h.country_name, h.region, f.name as focal, f.trained, f.trained_on
      from hubs h left join ${focal} f on f.hub_id = h.id
      where ${hubCond} order by h.country_name`.execute(db),
    sql<{ hub_id: string; code: string; kind: string }>`
      select m.hub_id, m.code, m.kind from missions m join hubs h on h.id = m.hub_id
      where ${hubCond} order by m.hub_id, m.kind, m.code`.execute(db),
    sql<{ code: string; hubs: number }>`
      select m.code, count(distinct m.hub_id)::int as hubs from missions m join hubs h on h.id = m.hub_id
      where ${hubCond} and m.kind = 'ms_embassy' group by 1 order by 1`.execute(db),
  ])
  const query = {
    from: q.from, to: q.to, theme: q.theme, asOf,
    hubIds: hubs.rows.map((h) => h.id),
    embassies: missionRows.rows.filter((m) => m.kind === 'ms_embassy').map((m) => ({ hubId: m.hub_id, code: m.code })),
    // Figures count every item of the hubs reviewed (`hub` ones too); lists name only what the actor may read.
    counted: rowTest(actor, 'counted'),
    listed: rowTest(actor, 'items'),
    overdueLimit,
  }
  const agg = sources.live && facts
    ? await facts.read((table) => aggregateFacts(table, query))
    : await aggregateFacts(await oneOffFacts(db, sources), query)
  const shown = await itemLines(db, sources.items, [...agg.overdue, ...agg.awaiting, ...agg.ggActions].map((r) => r.id))
  const byHub = new Map<string, { mission: string; kind: string; contributions: number }[]>()
  for (const r of missionRows.rows) {
    const entry = { mission: r.code, kind: r.kind, contributions: agg.contributions.get(`${r.hub_id}/${r.code}`) ?? 0 }
    byHub.set(r.hub_id, [...(byHub.get(r.hub_id) ?? []), entry])
  }
  const actionsByStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, agg.actionsByStatus.get(s) ?? 0])) as Rollup['actionsByStatus']
  const daysBetween = (fromDay: string, toDay: string) => Math.round((Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS)
  // An item deleted between the count and the read of its line drops out of the list.
  const lines = <T extends { id: string }>(rows: T[]) => rows.flatMap((r) => (shown.has(r.id) ? [{ ...r, line: shown.get(r.id)! }] : []))

  return {
    from: q.from,
    to: q.to,
    asOf,
    hubs: hubs.rows.map((h) => ({
      id: h.id, name: h.name, country: h.country, countryName: h.country_name, region: h.region, focalPoint: h.focal,
      hubOnly: agg.hubOnly.get(h.id) ?? { exchanges: 0, actions: 0 },
      overdue: agg.overdueByHub.get(h.id) ?? 0,
    })),
    matrix: agg.matrix,
    actionsByStatus,
    overdue: lines(agg.overdue).map((r) => ({
      itemId: r.id, hubId: r.hubId, title: r.line.title, leadMission: r.line.lead_mission, due: r.due, status: r.status, daysOverdue: daysBetween(r.due, asOf),
    })),
    overdueTotal: agg.overdueTotal,
    participation: hubs.rows.map((h) => {
      const missions = byHub.get(h.id) ?? []
      const ms = missions.filter((m) => m.kind === 'ms_embassy')
      const engaged = ms.filter((m) => m.contributions > 0).map((m) => m.mission)
      const euActive = missions.some((m) => m.kind === 'eu_delegation' && m.contributions > 0)
      return {
        hubId: h.id,
        missions: missions.map(({ mission, contributions }) => ({ mission, contributions })),
        registeredMemberStates: ms.map((m) => m.mission).sort(),
        engagedMemberStates: engaged.sort(),
        euOnly: euActive && engaged.length === 0,
      }
    }),
    crossCutting: {
      open: agg.crossCutting.open,
      awaitingComment: agg.crossCutting.awaiting,
      awaiting: lines(agg.awaiting).map((r) => {
        const requestedAt = new Date(r.requestedMs ?? now.getTime()).toISOString()
        return { itemId: r.id, hubId: r.hubId, relatedHubs: r.line.related_hubs, title: r.line.title, requestedAt, daysWaiting: daysBetween(requestedAt.slice(0, 10), asOf) }
      }),
    },
    focalPoints: hubs.rows.map((h) => ({
      hubId: h.id,
      hasFocalPoint: h.focal !== null,
      name: h.focal,
      trained: h.focal !== null && h.trained === true,
      trainedOn: h.trained_on,
    })),
    records: recordsRollup(agg, lines(agg.ggActions), registered.rows),
  }
}

/** A locked period's frozen items (or, without the server's LiveFacts, the live ones) read for one roll-up. */
async function oneOffFacts(db: Kysely<Database>, sources: RollupSources): Promise<FactTable> {
  const table = new FactTable()
  for await (const page of allFacts(db, sources.items, sources.live)) for (const f of page) table.put(f)
  return table
}

/** What the roll-up's lists show of an item. */
export interface ItemLine {
  title: string
  lead_mission: string | null
  related_hubs: string[]
  action_kind: string | null
  gg_project: string | null
  status: string | null
  outcome: string | null
  drop_reason: string | null
}

/** The lines of the items the lists name, by id. */
async function itemLines(db: Kysely<Database>, source: RawBuilder<unknown>, ids: string[]): Promise<Map<string, ItemLine>> {
  if (ids.length === 0) return new Map()
  const { rows } = await sql<ItemLine & { id: string }>`
    select i.id, i.title, i.lead_mission, i.related_hubs, i.action_kind, i.gg_project, i.status, i.outcome, i.drop_reason
    from ${source} i where i.id = any(${sql.val(ids)}::text[])`.execute(db)
  return new Map(rows.map((r) => [r.id, r]))
}

