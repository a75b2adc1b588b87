import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { sqlRollup, type SqlRollup } from '../support/sql-rollup.js'
import { computeRollup } from '../../server/rollup/rollup.js'
import { LiveFacts } from '../../server/rollup/facts/live-facts.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
import type { Database } from '../../server/db/schema.js'
import type { Actor } from '../../shared/access.js'
import type { Rollup, RollupQuery } from '../../shared/schemas/rollup.js'
import type { Role } from '../../shared/roles.js'

/**
 * The roll-up counted over in-memory facts (server/rollup/facts/) against the SQL aggregates it
 * replaced (tests/support/sql-rollup.ts), on data that varies every field the roll-up reads:
 * scopes, cross-cutting flags and threads, undated records, sub-forums, partnerships, counterparts,
 * Global Gateway kinds, escalations. Then the facts after edits, deletions and re-creations made
 * behind their back, and a writer that commits out of order.
 */
const taxonomy = loadTaxonomy()
const SUB_FORUMS = taxonomy.forums.filter((f) => f.parent !== f.id).map((f) => f.id)
const FORUMS = [...taxonomy.forums.filter((f) => f.parent === f.id).slice(0, 3).map((f) => f.id), ...SUB_FORUMS.slice(0, 3)]
const THEMES = ['ai', 'connectivity', 'connectivity.submarine-cables', 'cybersecurity', 'dpi', 'dpi.digital-identity']
const HUBS = 6
const PER_HUB = 400

async function generate(db: Kysely<Database>): Promise<void> {
  await sql`insert into hubs (id, name, country, country_name, region)
    select 'fh-' || g, 'Facts hub ' || g, 'X' || g, 'Factland ' || g, (array['Africa','Asia','Americas'])[1 + g % 3]
    from generate_series(1, ${HUBS}) g`.execute(db)
  // Hub 1 has no Italian embassy: IT records there count for the hub, not for Italy's question 10.
  await sql`insert into missions (id, hub_id, code, kind, name)
    select 'fh-' || g || '-' || c, 'fh-' || g, c, case when c = 'EU' then 'eu_delegation' else 'ms_embassy' end, c
    from generate_series(1, ${HUBS}) g, unnest(array['EU','DE','FR','IT']) c where not (g = 1 and c = 'IT')`.execute(db)
  await sql`insert into items (id, hub_id, kind, entry_id, title, body, themes, forums, mission, missions, lead_mission,
      created_at, updated_at, status, due, cross_cutting, input_status, input_requested_at, related_hubs, linked_items,
      scope, counterparts, partnership, action_kind, gg_project, outcome, drop_reason, escalation)
    select 'fh-' || h || ':' || k || ':' || i, 'fh-' || h, k, 'e' || i, 'Item ' || i, 'Body ' || i,
      case when i % 11 = 0 then '{}'::text[] else array[(${sql.val(THEMES)}::text[])[1 + i % 6], (${sql.val(THEMES)}::text[])[1 + (i * 5) % 6]] end,
      case when i % 3 = 0 then array[(${sql.val(FORUMS)}::text[])[1 + i % 6], (${sql.val(FORUMS)}::text[])[1 + (i * 7) % 6]] else '{}'::text[] end,
      (array['EU','DE','FR','IT'])[1 + i % 4], array[(array['EU','DE','FR','IT'])[1 + (i * 3) % 4]], (array['EU','DE','FR','IT', null])[1 + i % 5],
      case when i % 97 = 0 then null else now() - ((i % 500) || ' days')::interval end,
      now() - ((i % 200) || ' days')::interval,
      case when k = 'action' then (array['planned','in_progress','done','dropped'])[1 + i % 4] end,
      case when k = 'action' and i % 13 <> 0 then current_date + (i % 120) - 60 end,
      i % 7 = 0, case when i % 7 = 0 then (array['open','awaiting_input','input_provided','resolved', null])[1 + i % 5] end,
      case when i % 7 = 0 and i % 2 = 0 then now() - ((i % 40) || ' days')::interval end,
      case when i % 7 = 0 then array['fh-' || (1 + (h % ${HUBS}))] else '{}'::text[] end,
      case when i % 53 = 0 then array['fh-' || h || ':exchange:e2'] else '{}'::text[] end,
      (array['hq','hq','network','hub'])[1 + i % 4],
      case when k = 'exchange' and i % 3 = 0 then array['government'] when k = 'exchange' and i % 3 = 1 then array['industry', 'academia'] else '{}'::text[] end,
      case when i % 5 = 0 then (array['dp-japan','dp-india','dp-korea'])[1 + i % 3] end,
      case when k = 'action' then (array['gg_project_support','tech_business_offer','capacity_building'])[1 + i % 3] end,
      case when k = 'action' and i % 3 = 0 then 'gg-' || (i % 4) end,
      case when k = 'action' and i % 4 = 2 then 'Outcome ' || i end,
      case when k = 'action' and i % 4 = 3 then 'Dropped because ' || i end,
      case when i % 7 = 0 then (array['none','digital_diplomacy_network','cyber_ambassadors_network','psc', null])[1 + i % 5] end
    from generate_series(1, ${HUBS}) h, generate_series(1, ${PER_HUB}) i, lateral (select case when i % 2 = 0 then 'exchange' else 'action' end as k) kk`.execute(db)
  await derive(db)
}

/** The columns the projection derives (server/projection/log-items.ts), for rows written straight into the table. */
async function derive(db: Kysely<Database>, where = sql`true`): Promise<void> {
  await sql`update items set
      top_themes = array(select distinct split_part(t, '.', 1) from unnest(themes) t),
      participants = array(select distinct m from unnest(array[mission, lead_mission] || missions) m where m is not null),
      active_from = created_at::date,
      active_to = case when created_at is null then null
                       when kind = 'exchange' then created_at::date
                       when status in ('done', 'dropped') then updated_at::date
                       else '9999-12-31'::date end
    where ${where}`.execute(db)
}

const actor = (role: Role, hubIds: string[] = [], roles?: Role[]): Actor => ({
  id: `u-${role}`, email: `${role}@example.org`, name: role, role, roles,
  memberships: hubIds.map((hubId) => ({ hubId, missionId: `${hubId}-EU`, mission: 'EU', coordinator: false })),
})
const READERS: [string, Actor][] = [
  ['hq', actor('hq')],
  ['admin', actor('admin')],
  ['cyber', actor('cyber')],
  ['staff of one hub', actor('staff', ['fh-1'])],
  ['staff of two hubs', actor('staff', ['fh-2', 'fh-3'])],
  ['staff and cyber', actor('staff', ['fh-4'], ['staff', 'cyber'])],
]
const year = new Date().getUTCFullYear()
const QUERIES: [string, RollupQuery][] = [
  ['the last year', { from: `${year - 1}-01-01`, to: `${year}-12-31` }],
  ['a month', { from: `${year}-03-01`, to: `${year}-03-31` }],
  ['a top-level theme', { from: `${year - 1}-01-01`, to: `${year}-12-31`, theme: 'connectivity' }],
  ['a sub-theme, in a region', { from: `${year - 1}-01-01`, to: `${year}-12-31`, theme: 'dpi.digital-identity', region: 'Asia' }],
  ['a theme nobody used', { from: `${year - 1}-01-01`, to: `${year}-12-31`, theme: 'quantum' }],
]

/** Both answers with their lists in one order (collations may order ties differently), and what only the facts add checked apart. */
function comparable(r: SqlRollup | Rollup): unknown {
  const { hubs, overdue, ...rest } = r as Rollup
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'overdueTotal').map(([k, x]) => [k, sorted(x)]))
    return v
  }
  return sorted({ ...rest, hubs: hubs.map(({ overdue: _, ...h }) => h), overdue })
}

function expectSame(facts: Rollup, reference: SqlRollup): void {
  expect(comparable(facts)).toEqual(comparable(reference))
  expect(facts.overdueTotal).toBe(reference.overdue.length)
  for (const h of facts.hubs) expect(h.overdue, h.id).toBe(reference.overdue.filter((o) => o.hubId === h.id).length)
  // Longest overdue first.
  expect(facts.overdue.map((o) => o.due)).toEqual([...facts.overdue.map((o) => o.due)].sort())
}

for (const engine of ENGINES) {
  describe(`${engine}: roll-up over in-memory facts`, () => {
    let db: TestDb
    let facts: LiveFacts
    const now = new Date()
    const all = { overdueLimit: Number.POSITIVE_INFINITY }

    beforeAll(async () => {
      db = await openTestDb(engine)
      await generate(db.db)
      facts = new LiveFacts(db.db)
    })
    afterAll(() => db?.close())

    for (const [who, reader] of READERS) {
      it(`counts and lists what the SQL roll-up did, for ${who}`, async () => {
        for (const [what, q] of QUERIES) {
          const reference = await sqlRollup(db.db, reader, q, now)
          const mine = await computeRollup(db.db, reader, q, now, undefined, { facts, ...all })
          expect.soft(comparable(mine), what).toEqual(comparable(reference))
          expectSame(mine, reference)
        }
      })
    }

    it('names the hundred longest overdue in /api/rollup, and says how many there are', async () => {
      const reference = await sqlRollup(db.db, actor('hq'), QUERIES[0][1], now)
      expect(reference.overdue.length).toBeGreaterThan(100)
      const mine = await computeRollup(db.db, actor('hq'), QUERIES[0][1], now, undefined, { facts })
      expect(mine.overdue).toHaveLength(100)
      expect(mine.overdueTotal).toBe(reference.overdue.length)
      expect(mine.overdue.map((o) => o.daysOverdue)).toEqual(reference.overdue.slice(0, 100).map((o) => o.daysOverdue))
    })

    it('sees edits, deletions and re-creations made since it last counted', async () => {
      const hq = actor('hq')
      const q = QUERIES[0][1]
      await computeRollup(db.db, hq, q, now, undefined, { facts })
      await sql`update items set status = 'done', updated_at = now() - interval '400 days' where hub_id = 'fh-2' and kind = 'action'`.execute(db.db)
      await sql`update items set themes = array['quantum'], scope = 'hub', cross_cutting = true, input_status = 'awaiting_input' where hub_id = 'fh-3' and entry_id like 'e1%'`.execute(db.db)
      await derive(db.db, sql`hub_id in ('fh-2', 'fh-3')`)
      await sql`delete from items where hub_id = 'fh-4'`.execute(db.db)
      await sql`delete from items where id = 'fh-5:action:11'`.execute(db.db)
      await sql`insert into items (id, hub_id, kind, entry_id, title, body, themes, created_at, status, due, active_from, active_to, top_themes, participants)
        values ('fh-5:action:11', 'fh-5', 'action', '11', 'Back again', '', array['ai'], now(), 'planned', current_date - 3, current_date, '9999-12-31', array['ai'], array['DE'])`.execute(db.db)
      for (const [, reader] of READERS) {
        for (const [, query] of QUERIES) {
          expectSame(await computeRollup(db.db, reader, query, now, undefined, { facts, ...all }), await sqlRollup(db.db, reader, query, now))
        }
      }
      const mine = await computeRollup(db.db, hq, q, now, undefined, { facts, ...all })
      expect(mine.hubs.find((h) => h.id === 'fh-4')!.overdue).toBe(0)
      expect(mine.overdue.find((o) => o.itemId === 'fh-5:action:11')?.title).toBe('Back again')
    })

    if (engine === 'postgres') {
      it('misses no write of a transaction that commits after a later one', async () => {
        const q = QUERIES[0][1]
        const hq = actor('hq')
        await computeRollup(db.db, hq, q, now, undefined, { facts })
        const early = new pg.Client({ connectionString: db.url! })
        await early.connect()
        try {
          // The early transaction takes its id first, the late one commits first: a feed that only
          // followed the highest id seen would skip the early one's rows for good. (Both rows are of
          // scope `hq`: listed to HQ.)
          await early.query('begin')
          await early.query(`update items set title = 'Early', status = 'planned', due = current_date - 500 where id = 'fh-6:action:1'`)
          await sql`update items set title = 'Late', status = 'planned', due = current_date - 499 where id = 'fh-6:action:5'`.execute(db.db)
          const between = await computeRollup(db.db, hq, q, now, undefined, { facts })
          expect(between.overdue.slice(0, 2).map((o) => o.title)).toEqual(['Late', expect.any(String)])
          await early.query('commit')
        } finally {
          await early.end()
        }
        const after = await computeRollup(db.db, hq, q, now, undefined, { facts })
        expect(after.overdue.slice(0, 2).map((o) => o.title)).toEqual(['Early', 'Late'])
        expectSame(await computeRollup(db.db, hq, q, now, undefined, { facts, ...all }), await sqlRollup(db.db, hq, q, now))
      })
    }
  })
}
