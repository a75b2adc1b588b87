/**
 * Where a fresh roll-up's time goes: 150 hubs × 2,000 items on PostgreSQL, `computeRollup` run
 * directly (no HTTP) with every query's duration logged by kysely, plus the JSON size of the answer.
 * Usage: `npx tsx tests/load/rollup-breakdown.ts [--hubs=150] [--items=2000] [--runs=5]`
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import type { Database } from '../../server/db/schema.js'
import { connectPostgres } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { computeRollup } from '../../server/rollup/rollup.js'
import { startPostgres } from '../support/postgres-server.js'
import { freePort } from '../support/global-setup.js'
import { generate } from './rollup-data.js'

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt)
const dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-rollup-breakdown-'))
const pg = await startPostgres(dir, await freePort())
try {
  await pg.createDatabase('bench')
  const database = connectPostgres(`${pg.url}/bench`)
  await migrateToLatest(database.db)
  await generate(database.db, arg('hubs', 150), arg('items', 2000))
  const timings: { sql: string; ms: number }[] = []
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: database.pool! }),
    log: (e) => void timings.push({ sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 90), ms: e.queryDurationMillis }),
  })
  const year = new Date().getUTCFullYear()
  const actor = { id: 'hq', role: 'hq', memberships: [] } as unknown as Parameters<typeof computeRollup>[1]
  for (let run = 0; run < arg('runs', 5); run++) {
    timings.length = 0
    const t0 = performance.now()
    const rollup = await computeRollup(logged, actor, { from: `${year}-01-01`, to: `${year}-12-31` })
    const total = performance.now() - t0
    const json = JSON.stringify(rollup)
    console.log(`run ${run + 1}: ${total.toFixed(0)} ms total, answer ${(json.length / 1024).toFixed(0)} kB, overdue ${rollup.overdue.length}`)
    for (const t of timings.sort((a, b) => b.ms - a.ms)) console.log(`  ${t.ms.toFixed(1).padStart(7)} ms  ${t.sql}`)
  }
  await database.close()
} finally {
  await pg.stop()
  await rm(dir, { recursive: true, force: true })
}
