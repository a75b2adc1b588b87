/**
 * Where a fresh roll-up's time goes, piece by piece, over generated data on PGlite (in-process) or
 * an embedded PostgreSQL (`--postgres`): the first read of every item's facts, the catch-up after a hub's log
 * is projected again, the one pass that counts, the whole roll-up, and the answer's size.
 * `npx tsx tests/load/rollup-facts-probe.ts [--hubs=150] [--items=2000] [--runs=5] [--dir=<PGlite folder to keep>]`
 */
import { parseArgs } from 'node:util'
import { chmod, mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startPostgres } from '../support/postgres-server.js'
import { freePort } from '../support/global-setup.js'
import { sql } from 'kysely'
import { connectPGlite, connectPostgres } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { generate } from './rollup-data.js'
import { LiveFacts } from '../../server/rollup/facts/live-facts.js'
import { aggregateFacts } from '../../server/rollup/facts/fact-rollup.js'
import { computeRollup } from '../../server/rollup/rollup.js'
import { rowTest } from '../../server/db/read-scope.js'
import type { Actor } from '../../shared/access.js'

const { values } = parseArgs({ options: { hubs: { type: 'string', default: '150' }, items: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' }, dir: { type: 'string' }, postgres: { type: 'boolean', default: false } } })
const HUBS = Number(values.hubs)
const runs = Number(values.runs)
// --dir: a PGlite folder kept between runs (generated once); --postgres: an embedded PostgreSQL in a temporary folder.
let pgServer: Awaited<ReturnType<typeof startPostgres>> | null = null
if (values.postgres) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hubwork-facts-probe-'))
  await chmod(tmp, 0o755)
  pgServer = await startPostgres(tmp, await freePort())
  await pgServer.createDatabase('probe')
}
const database = pgServer ? connectPostgres(`${pgServer.url}/probe`) : await connectPGlite(values.dir)
const db = database.db
await migrateToLatest(db)
if ((await sql<{ n: number }>`select count(*)::int as n from items`.execute(db)).rows[0].n === 0) {
  const t0 = performance.now()
  await generate(db, HUBS, Number(values.items))
  console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

const hq: Actor = { id: 'u', email: 'hq@example.org', name: 'hq', role: 'hq', memberships: [] }
const year = new Date().getUTCFullYear()
const q = { from: `${year}-01-01`, to: `${year}-12-31` }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const s = performance.now()
  const r = await f()
  return [performance.now() - s, r]
}

const facts = new LiveFacts(db)
const [firstMs] = await time(() => facts.read(async (t) => t.size))
console.log(`first read of every item: ${firstMs.toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`)
const catchUp: number[] = []
const pass: number[] = []
const whole: number[] = []
let bytes = 0
const hubs = (await sql<{ id: string }>`select id from hubs`.execute(db)).rows.map((r) => r.id)
for (let i = 0; i < runs; i++) {
  await sql`update items set updated_at = updated_at where hub_id = ${`bh-${1 + i}`}`.execute(db)
  catchUp.push((await time(() => facts.read(async () => undefined)))[0])
  pass.push((await time(() => facts.read((t) => aggregateFacts(t, { ...q, asOf: `${year}-12-01`, hubIds: hubs, embassies: [], counted: rowTest(hq, 'counted'), listed: rowTest(hq, 'items'), overdueLimit: 100 }))))[0])
  await sql`update items set updated_at = updated_at where hub_id = ${`bh-${1 + i}`}`.execute(db)
  const [ms, r] = await time(() => computeRollup(db, hq, q, new Date(), undefined, { facts }))
  whole.push(ms)
  bytes = JSON.stringify(r).length
}
console.log(`catch-up after a hub's 2,000 rows rewritten: ${median(catchUp).toFixed(1)} ms; one counting pass: ${median(pass).toFixed(1)} ms; whole roll-up (catch-up included): ${median(whole).toFixed(1)} ms; answer ${(bytes / 1024).toFixed(0)} kB (medians of ${runs})`)
await database.close()
await pgServer?.stop()
