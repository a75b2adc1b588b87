import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import type { RecordsRollup } from '../../shared/schemas/rollup.js'
import { ESCALATIONS, GG_ACTION_KINDS } from '../../shared/records.js'
import { loadTaxonomy } from '../taxonomy-file.js'

/** The parent of each sub-forum of the taxonomy (`itu-pp26` → `itu`). */
let parents: Map<string, string> | null = null
function subForums(): Map<string, string> {
  parents ??= new Map(loadTaxonomy().forums.filter((f) => f.parent !== f.id).map((f) => [f.id, f.parent]))
  return parents
}
const parentOf = (id: string) => subForums().get(id) ?? null

/**
 * The forums a record counts toward: its own and the parents of its sub-forums, each once (a
 * record of ITU PP-26 counts for ITU too; one tagged with both ITU and PP-26 counts once for ITU).
 */
export function forumsWithParents(forums: RawBuilder<unknown>): RawBuilder<unknown> {
  const pairs = [...subForums()]
  const own = sql`select x as id from unnest(${forums}) x`
  if (pairs.length === 0) return own
  const map = sql.join(pairs.map(([child, parent]) => sql`(${child}, ${parent})`))
  return sql`${own} union select m.parent from unnest(${forums}) x join (values ${map}) m(child, parent) on m.child = x`
}

/** Parents first, each followed by its sub-forums (a sub-forum's row is part of its parent's total). */
function forumTree<T extends { forumId: string; parent: string | null }>(rows: T[]): T[] {
  const top = rows.filter((r) => r.parent === null || !rows.some((p) => p.forumId === r.parent))
  return top.flatMap((p) => [p, ...rows.filter((c) => c.parent === p.forumId)])
}

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
export async function computeRecordsRollup(
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
