/**
 * The roll-up as it was computed before the in-memory facts: a dozen SQL aggregates over the items.
 * Kept as the reference the facts are held to (tests/integration/rollup-facts.test.ts): same
 * figures and lists for every reader, period and filter. Not used by the server.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../server/db/schema.js'
import type { Actor } from '../../shared/access.js'
import { readableBy } from '../../server/db/read-scope.js'
import type { RecordsRollup, Rollup, RollupQuery } from '../../shared/schemas/rollup.js'
import { ACTION_STATUSES, OPEN_ACTION_STATUSES } from '../../shared/item-statuses.js'
import { ESCALATIONS, GG_ACTION_KINDS } from '../../shared/records.js'
import { activeInPeriod, LIVE_SOURCES, themeMatch, type RollupSources } from '../../server/rollup/rollup.js'
import { forumParent as parentOf, forumTree, forumsWithParents } from '../../server/rollup/forum-tree.js'

const DAY_MS = 86_400_000

/** The roll-up without what the facts added (the overdue total and per-hub counts). */
export type SqlRollup = Omit<Rollup, 'overdueTotal' | 'hubs'> & { hubs: Omit<Rollup['hubs'][number], 'overdue'>[] }
const dayOf = (d: Date) => d.toISOString().slice(0, 10)

/**
 * Roll-up questions 6–10, in SQL over the same rows and conditions as the rest of
 * the roll-up (server/rollup/rollup.ts): figures count every record of the hubs reviewed, lists
 * name only what the reader may read.
 *  6. forum coordination (2023 ¶4): records per forum, a parent forum counting its sub-forums' records;
 *  7. partnership coverage (2023 ¶5–7): records per partnership or dialogue, and in how many hubs;
 *  8. Global Gateway and Tech Business Offer actions (2025 ¶14, ¶25), by kind and status, each
 *     listed with its project and what it met (outcome or reason dropped: the obstacles);
 *  9. engagement by counterpart type (2023 ¶1, ¶14; 2025 ¶7): exchanges per counterpart;
 * 10. Member State contributions across all hubs (2025 ¶24): records each Member State led, wrote
 *     or took part in, and in how many of the hubs it is registered in.
 * Plus escalation of cross-cutting items (2025 ¶27), counted like the cross-cutting figures.
 */
async function computeRecordsRollup(
  db: Kysely<Database>,
  source: RawBuilder<unknown>,
  conds: { counted: RawBuilder<unknown>; listed: RawBuilder<unknown>; active: RawBuilder<unknown>; hubs: RawBuilder<unknown> },
): Promise<RecordsRollup> {
  const { counted, listed, active, hubs } = conds
  const gg = sql.join([...GG_ACTION_KINDS])
  const [forums, partnerships, ggKinds, ggList, counterparts, states, registered, escalations] = await Promise.all([
    sql<{ id: string; exchanges: number; actions: number; hubs: number }>`
      select f.id, count(*) filter (where i.kind = 'exchange')::int as exchanges, count(*) filter (where i.kind = 'action')::int as actions,
             count(distinct i.hub_id)::int as hubs
      from ${source} i cross join lateral (${forumsWithParents(sql`i.forums`)}) f
      where ${counted} and ${active} group by 1 order by 1`.execute(db),
    sql<{ id: string; exchanges: number; actions: number; hubs: number }>`
      select i.partnership as id, count(*) filter (where i.kind = 'exchange')::int as exchanges, count(*) filter (where i.kind = 'action')::int as actions,
             count(distinct i.hub_id)::int as hubs
      from ${source} i where ${counted} and ${active} and i.partnership is not null group by 1 order by 1`.execute(db),
    sql<{ kind: string; status: string; n: number }>`
      select i.action_kind as kind, i.status, count(*)::int as n from ${source} i
      where ${counted} and ${active} and i.kind = 'action' and i.action_kind in (${gg}) and i.status is not null group by 1, 2`.execute(db),
    sql<{ id: string; hub_id: string; title: string; kind: string; gg_project: string | null; status: string | null; outcome: string | null; drop_reason: string | null }>`
      select i.id, i.hub_id, i.title, i.action_kind as kind, i.gg_project, i.status, i.outcome, i.drop_reason from ${source} i
      where ${listed} and ${active} and i.kind = 'action' and i.action_kind in (${gg}) order by i.hub_id, i.id`.execute(db),
    sql<{ id: string; exchanges: number; hubs: number }>`
      select c as id, count(*)::int as exchanges, count(distinct i.hub_id)::int as hubs
      from ${source} i cross join lateral unnest(coalesce(i.counterparts, '{}'::text[])) c
      where ${counted} and ${active} and i.kind = 'exchange' group by 1 order by 1`.execute(db),
    sql<{ code: string; records: number; hubs: number }>`
      select p as code, count(*)::int as records, count(distinct i.hub_id)::int as hubs
      from ${source} i cross join lateral unnest(i.participants) p
      join missions m on m.hub_id = i.hub_id and m.code = p and m.kind = 'ms_embassy'
      where ${counted} and ${active} group by 1`.execute(db),
    sql<{ code: string; hubs: number }>`
      select m.code, count(distinct m.hub_id)::int as hubs from missions m join hubs h on h.id = m.hub_id
      where ${hubs} and m.kind = 'ms_embassy' group by 1 order by 1`.execute(db),
    sql<{ escalation: string; n: number }>`
      select coalesce(i.escalation, 'none') as escalation, count(*)::int as n from ${source} i
      where ${counted} and i.cross_cutting group by 1`.execute(db),
  ])
  const byKind = new Map<string, Record<string, number>>()
  for (const r of ggKinds.rows) (byKind.get(r.kind) ?? byKind.set(r.kind, {}).get(r.kind)!)[r.status] = r.n
  const contributed = new Map(states.rows.map((r) => [r.code, r]))
  const escalation = Object.fromEntries(ESCALATIONS.map((e) => [e, 0])) as RecordsRollup['escalation']
  for (const r of escalations.rows) if (r.escalation in escalation) escalation[r.escalation as keyof typeof escalation] += r.n
  return {
    forums: forumTree(forums.rows.map((r) => ({ forumId: r.id, parent: parentOf(r.id), exchanges: r.exchanges, actions: r.actions, hubs: r.hubs }))),
    partnerships: partnerships.rows.map((r) => ({ partnershipId: r.id, exchanges: r.exchanges, actions: r.actions, hubs: r.hubs })),
    globalGateway: {
      byKind: GG_ACTION_KINDS.map((kind) => {
        const s = byKind.get(kind) ?? {}
        return { actionKind: kind, planned: s.planned ?? 0, in_progress: s.in_progress ?? 0, done: s.done ?? 0, dropped: s.dropped ?? 0 }
      }),
      actions: ggList.rows.map((r) => ({
        itemId: r.id, hubId: r.hub_id, title: r.title, actionKind: r.kind, ggProject: r.gg_project, status: r.status,
        obstacle: r.status === 'dropped' ? r.drop_reason : r.outcome,
      })),
    },
    counterparts: counterparts.rows.map((r) => ({ counterpart: r.id, exchanges: r.exchanges, hubs: r.hubs })),
    memberStates: registered.rows.map((r) => ({
      mission: r.code, registeredHubs: r.hubs, activeHubs: contributed.get(r.code)?.hubs ?? 0, records: contributed.get(r.code)?.records ?? 0,
    })),
    escalation,
  }
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
export async function sqlRollup(
  db: Kysely<Database>,
  actor: Actor,
  q: RollupQuery,
  now = new Date(),
  /**
   * The items to count and the focal points to name: the live projection and hubs, or a locked
   * period's frozen copies (`itemsSource`, `focalSource`).
   */
  { items: source, focal }: RollupSources = LIVE_SOURCES,
): Promise<SqlRollup> {
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
