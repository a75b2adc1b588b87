/**
 * `npm run soak`: faults under load. Three Hubwork processes behind nginx on one PostgreSQL, 300
 * real y-websocket clients editing through nginx; every 10 s one process gets kill -9 and is
 * restarted; PostgreSQL is restarted once, mid-run. Then edits stop and every client must converge
 * with the database. Prints the figures (JSON): updates lost, reconnect time p95 by fault, edits
 * made while PostgreSQL was down and whether they were stored. Bounded: it stops by itself.
 *
 * Flags (defaults): --minutes=10 --clients=300 --docs=30 --kill-every=10 (s) --kills=100 (the most;
 * 100 cycles need --minutes=17) --edit-every=2 (s per client) --pg-down=3 (s) --settle=120 (s) --no-pg
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { runFaults } from '../support/fault-harness.js'
import { NGINX_MISSING, nginxBinary } from '../support/nginx.js'

const flag = (name: string, fallback: number) => {
  const v = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  return v === undefined ? fallback : Number(v)
}

if (!nginxBinary()) {
  console.error(`soak: ${NGINX_MISSING}`)
  process.exit(1)
}
const root = path.resolve(import.meta.dirname, '..', '..')
const built = spawnSync(process.execPath, ['scripts/build.mjs', 'server', '--if-stale'], { cwd: root, stdio: 'inherit' })
if (built.status !== 0) process.exit(1)

// Each y-websocket provider listens for the process's exit.
process.setMaxListeners(0)
const durationMs = flag('minutes', 10) * 60_000
const started = Date.now()
const report = await runFaults({
  clients: flag('clients', 300),
  docs: flag('docs', 30),
  durationMs,
  killEveryMs: flag('kill-every', 10) * 1000,
  maxKills: flag('kills', 100),
  pgRestartAtMs: process.argv.includes('--no-pg') ? null : Math.round(durationMs / 2 + flag('kill-every', 10) * 500),
  pgDownMs: flag('pg-down', 3) * 1000,
  editEveryMs: flag('edit-every', 2) * 1000,
  settleMs: flag('settle', 120) * 1000,
  timeBound: true,
  log: (line) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${line}`),
})
console.log(JSON.stringify(report, null, 2))
const ok = report.lost === 0 && report.lostWritten === 0 && report.converged && report.crashes === 0
console.log(ok ? 'soak: 0 updates lost, every client converged' : 'soak: FAILED (see the figures above)')
process.exit(ok ? 0 : 1)
