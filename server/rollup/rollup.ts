import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import { readableBy } from '../db/read-scope.js'
import type { Rollup, RollupQuery } from '../../shared/schemas/rollup.js'
import { ACTION_STATUSES, OPEN_ACTION_STATUSES } from '../../shared/item-statuses.js'
import { LIVE_FOCAL_POINTS } from './focal-points.js'
import { computeRecordsRollup } from './records-rollup.js'

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
}
export const LIVE_SOURCES: RollupSources = { items: sql`items`, focal: LIVE_FOCAL_POINTS }

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
 * The roll-up of a period, computed in SQL over the projection so it stays fast at
 * hundreds of thousands of items. The dashboard and the progress report both call this: their
 * figures are the same by construction.
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
  { items: source, focal }: RollupSources = LIVE_SOURCES,
): Promise<Rollup> {
  const asOf = dayOf(now)

  const hubWhere: RawBuilder<boolean>[] = [readableBy(actor, 'hubs', 'h')]
  if (q.region) hubWhere.push(sql`h.region = ${q.region}`)
  const hubCond = sql.join(hubWhere, sql` and `)
  // Figures count every item of the hubs reviewed (`hub` ones too); lists name only what the
  // actor may read.
  const inScope = (rows: 'counted' | 'items') =>
    sql.join(
      [
        sql`i.hub_id in (select h.id from hubs h where ${hubCond})`,
        readableBy(actor, rows, 'i'),
        q.theme ? themeMatch(q.theme, 'i') : sql`true`,
      ],
      sql` and `,
    )
  const itemCond = inScope('counted')
  const listCond = inScope('items')
  const active = activeInPeriod(q.from, q.to)

  const [records, hubs, matrix, statuses, overdue, missionRows, contributionRows, cross, awaiting, hubOnly] = await Promise.all([
    computeRecordsRollup(db, source, { counted: itemCond, listed: listCond, active, hubs: hubCond }),
    sql<{ id: string; name: string; country: string; country_name: string; region: string; focal: string | null; trained: boolean | null; trained_on: string | null }>`
      select h.id, h.name, h.country, h.country_name, h.region, f.name as focal, f.trained, f.trained_on
      from hubs h left join ${focal} f on f.hub_id = h.id
      where ${hubCond} order by h.country_name`.execute(db),
    sql<{ hub_id: string; theme: string; exchanges: number; actions: number }>`
      select i.hub_id, t as theme,
             count(*) filter (where i.kind = 'exchange')::int as exchanges,
             count(*) filter (where i.kind = 'action')::int as actions
      from ${source} i cross join lateral unnest(i.top_themes) t
      where ${itemCond} and ${active}
      group by 1, 2 order by 1, 2`.execute(db),
    sql<{ status: string; n: number }>`
      select i.status, count(*)::int as n from ${source} i
      where ${itemCond} and ${active} and i.kind = 'action' and i.status is not null
      group by 1`.execute(db),
    sql<{ id: string; hub_id: string; title: string; lead_mission: string | null; due: string; status: string }>`
      select i.id, i.hub_id, i.title, i.lead_mission, i.due, i.status from ${source} i
      where ${listCond} and i.kind = 'action' and i.status in (${sql.join([...OPEN_ACTION_STATUSES])}) and i.due < ${asOf}::date
      order by i.due, i.id`.execute(db),
    sql<{ hub_id: string; code: string; kind: string }>`
      select m.hub_id, m.code, m.kind from missions m join hubs h on h.id = m.hub_id
      where ${hubCond} order by m.hub_id, m.kind, m.code`.execute(db),
    sql<{ hub_id: string; code: string; n: number }>`
      select i.hub_id, c as code, count(*)::int as n
      from ${source} i cross join lateral unnest(i.participants) c
      where ${itemCond} and ${active}
      group by 1, 2`.execute(db),
    sql<{ open: number; awaiting: number }>`
      select count(*) filter (where coalesce(i.input_status, 'open') <> 'resolved')::int as open,
             count(*) filter (where i.input_status = 'awaiting_input')::int as awaiting
      from ${source} i where ${itemCond} and i.cross_cutting`.execute(db),
    sql<{ id: string; hub_id: string; related_hubs: string[]; title: string; requested: Date | string | null }>`
      select i.id, i.hub_id, i.related_hubs, i.title, coalesce(i.input_requested_at, i.created_at) as requested from ${source} i
      where ${listCond} and i.cross_cutting and i.input_status = 'awaiting_input'
      order by requested, i.id`.execute(db),
    sql<{ hub_id: string; exchanges: number; actions: number }>`
      select i.hub_id,
             count(*) filter (where i.kind = 'exchange')::int as exchanges,
             count(*) filter (where i.kind = 'action')::int as actions
      from ${source} i where ${itemCond} and ${active} and i.scope = 'hub'
      group by 1`.execute(db),
  ])
  const hubOnlyOf = new Map(hubOnly.rows.map((r) => [r.hub_id, { exchanges: r.exchanges, actions: r.actions }]))

  const contributions = new Map(contributionRows.rows.map((r) => [`${r.hub_id}/${r.code}`, r.n]))
  const byHub = new Map<string, { mission: string; kind: string; contributions: number }[]>()
  for (const r of missionRows.rows) {
    const entry = { mission: r.code, kind: r.kind, contributions: contributions.get(`${r.hub_id}/${r.code}`) ?? 0 }
    byHub.set(r.hub_id, [...(byHub.get(r.hub_id) ?? []), entry])
  }
  const actionsByStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Rollup['actionsByStatus']
  for (const r of statuses.rows) if (r.status in actionsByStatus) actionsByStatus[r.status as keyof typeof actionsByStatus] = r.n
  const daysBetween = (fromDay: string, toDay: string) => Math.round((Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS)

  return {
    from: q.from,
    to: q.to,
    asOf,
    hubs: hubs.rows.map((h) => ({
      id: h.id, name: h.name, country: h.country, countryName: h.country_name, region: h.region, focalPoint: h.focal,
      hubOnly: hubOnlyOf.get(h.id) ?? { exchanges: 0, actions: 0 },
    })),
    matrix: matrix.rows.map((r) => ({ hubId: r.hub_id, themeId: r.theme, exchanges: r.exchanges, actions: r.actions })),
    actionsByStatus,
    overdue: overdue.rows.map((r) => ({
      itemId: r.id, hubId: r.hub_id, title: r.title, leadMission: r.lead_mission, due: r.due, status: r.status, daysOverdue: daysBetween(r.due, asOf),
    })),
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
      open: cross.rows[0]?.open ?? 0,
      awaitingComment: cross.rows[0]?.awaiting ?? 0,
      awaiting: awaiting.rows.map((r) => {
        const requestedAt = new Date(r.requested ?? now).toISOString()
        return { itemId: r.id, hubId: r.hub_id, relatedHubs: r.related_hubs, title: r.title, requestedAt, daysWaiting: daysBetween(requestedAt.slice(0, 10), asOf) }
      }),
    },
    focalPoints: hubs.rows.map((h) => ({
      hubId: h.id,
      hasFocalPoint: h.focal !== null,
      name: h.focal,
      trained: h.focal !== null && h.trained === true,
      trainedOn: h.trained_on,
    })),
    records,
  }
}
