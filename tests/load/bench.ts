/**
 * `npm run bench`: real y-websocket clients against Hubwork (PostgreSQL,
 * authenticated, persist-before-relay) and against the stock in-memory y-websocket server, same
 * load, same run; prints edit-to-peer latency, lost updates, CPU and memory, and the ratios.
 * Flags: --quick (small points, 5 s), --seconds=N, --points=a,b (names below).
 */
import { startPostgres } from '../support/postgres-server.js'
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { sql } from 'kysely'
import { connectPostgres } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { appendUpdates, compactDoc } from '../../server/db/update-store.js'
import { createHub, createNoteRow, createUser, sessionCookie } from '../support/factories.js'
import { freePort } from '../support/global-setup.js'
import { connectClient } from '../support/ws-client.js'
import { runPoint, type LoadPoint, type PointResult } from './load.js'
import { formatCommitFloor, measureCommitFloor, type CommitFloor } from './commit-floor.js'
import { startHubwork, startReference, type ServerProcess } from './servers.js'

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}`))?.split('=')[1]
const quick = process.argv.includes('--quick')
const seconds = Number(flag('seconds') ?? (quick ? 5 : 20))
const ALL: LoadPoint[] = quick
  ? [
      { name: '50 clients/10 docs @1/s', clients: 50, docs: 10, rate: 1, seconds },
      { name: '10 clients/1 doc @10/s', clients: 10, docs: 1, rate: 10, seconds },
    ]
  : [
      { name: '100 clients/20 docs @1/s', clients: 100, docs: 20, rate: 1, seconds },
      { name: '500 clients/100 docs @1/s', clients: 500, docs: 100, rate: 1, seconds },
      { name: '1000 clients/200 docs @1/s', clients: 1000, docs: 200, rate: 1, seconds },
      { name: '20 clients/1 doc @10/s', clients: 20, docs: 1, rate: 10, seconds },
      { name: '10000 idle clients/2000 docs @1/min', clients: 10_000, docs: 2000, rate: 1 / 60, seconds },
    ]
const only = flag('points')?.split(',')
const points = only ? ALL.filter((p, i) => only.includes(String(i + 1))) : ALL

const dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-bench-'))
const pg = await startPostgres(dir, await freePort())
await pg.createDatabase('bench')
const databaseUrl = `${pg.url}/bench`
const results: PointResult[] = []
let coldLoad: { updates: number; compactMs: number; syncMs: number } | null = null
let floor: CommitFloor | null = null
try {
  const database = await connectPostgres(databaseUrl)
  await migrateToLatest(database.db)
  // The least persist-before-relay can add: measured first, on the same PostgreSQL and disk.
  floor = await measureCommitFloor(databaseUrl, dir, quick ? 100 : 300)
  console.log(formatCommitFloor(floor))
  const hub = await createHub(database.db, { missions: ['DE'] })
  // A few accounts, each with one session shared by many sockets (as tabs of one person would).
  const cookies: string[] = []
  for (let i = 0; i < 20; i++) cookies.push(await sessionCookie(database.db, (await createUser(database.db, { hubId: hub.id, mission: 'EU' })).id))

  // The sync server opens only notes that exist: each benchmark document gets its row.
  const benchNotes = new Set(points.flatMap((point) => Array.from({ length: point.docs }, (_, d) => `bench-${point.clients}-${d}`)))
  for (const id of benchNotes) await createNoteRow(database.db, hub.id, id)
  const ours = await startHubwork(databaseUrl)
  const origin = ours.url.replace('ws://', 'http://').replace('/collab', '')
  let reference: ServerProcess | null = null
  try {
    reference = await startReference()
    for (const point of points) {
      for (const server of [reference, ours]) {
        const xacts = async () => Number((await sql<{ n: string }>`select sum(xact_commit)::text as n from pg_stat_database`.execute(database.db)).rows[0].n)
        const x0 = await xacts()
        const r = await runPoint(
          server,
          point,
          (d) => `hub/${hub.id}/notes/bench-${point.clients}-${d}`,
          (i): Record<string, string> => (server === ours ? { cookie: cookies[i % cookies.length], origin } : {}),
        )
        // Database transactions (each autocommit query is one) per edit: the server's round trips, counted rather than timed.
        r.dbXactsPerEdit = ((await xacts()) - x0 - 1) / Math.max(1, r.edits)
        results.push(r)
        console.log(`${r.point} · ${r.server}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, lost ${r.lost}, server CPU ${r.serverCpuPct.toFixed(0)}%, db xacts/edit ${r.dbXactsPerEdit.toFixed(2)}, RSS ${r.serverRssMiB.toFixed(0)} MiB, generator CPU ${r.generatorCpuPct.toFixed(0)}%`)
      }
    }
    // Cold load after compaction: 100,000 stored updates of one document.
    const doc = `hub/${hub.id}/notes/cold-load`
    await createNoteRow(database.db, hub.id, 'cold-load')
    const src = new Y.Doc()
    const updates: Uint8Array[] = []
    src.on('update', (u: Uint8Array) => updates.push(u))
    const text = src.getText('t')
    for (let i = 0; i < 100_000; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)))
    for (let i = 0; i < updates.length; i += 1000) await appendUpdates(database.db, updates.slice(i, i + 1000).map((u) => ({ doc, update: u, userId: null })))
    const c0 = performance.now()
    await compactDoc(database.db, doc)
    const compactMs = performance.now() - c0
    const s0 = performance.now()
    const client = connectClient(origin, doc, cookies[0], { origin })
    // Bounded: a refused socket (e.g. a document that does not exist) must fail the step, not hang the run.
    const deadline = Date.now() + 60_000
    while (!client.provider.synced) {
      if (client.closes.length || Date.now() > deadline) throw new Error(`cold load did not sync: ${JSON.stringify(client.closes)}`)
      await new Promise((r) => setTimeout(r, 2))
    }
    const syncMs = performance.now() - s0
    if (client.doc.getText('t').length !== 100_000) throw new Error('cold load lost content')
    client.destroy()
    coldLoad = { updates: updates.length, compactMs, syncMs }
  } finally {
    // Child servers are stopped whatever failed: a crashed bench must not leave them running.
    await ours.stop()
    await reference?.stop()
    await database.close()
  }
} finally {
  await pg.stop()
  await rm(dir, { recursive: true, force: true })
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—')
console.log('\n| load point | server | p50 ms | p99 ms | max ms | lost | server CPU % | server RSS MiB | generator CPU % | p50 ratio | p99 ratio |')
console.log('|---|---|---|---|---|---|---|---|---|---|---|')
for (const r of results) {
  const ref = results.find((x) => x.point === r.point && x.server === 'reference')!
  const ratio = (a: number, b: number) => (r.server === 'hubwork' && b > 0 ? (a / b).toFixed(2) : '')
  console.log(`| ${r.point} | ${r.server} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.lost} | ${r.serverCpuPct.toFixed(0)} | ${r.serverRssMiB.toFixed(0)} | ${r.generatorCpuPct.toFixed(0)} | ${ratio(r.p50, ref.p50)} | ${ratio(r.p99, ref.p99)} |`)
}
if (floor) console.log(`\n${formatCommitFloor(floor)} (the reference stores nothing: its floor is 0)`)
if (coldLoad) console.log(`\nCold load after compaction of ${coldLoad.updates} stored updates: connect-to-synced ${coldLoad.syncMs.toFixed(0)} ms (compaction took ${coldLoad.compactMs.toFixed(0)} ms)`)
const out = path.resolve(import.meta.dirname, '..', '..', 'bench', 'results')
await mkdir(out, { recursive: true })
const file = path.join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`)
await writeFile(file, JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, seconds, results, coldLoad, floor }, null, 2))
console.log(`\nwritten ${path.relative(process.cwd(), file)}`)
process.exit(0)
