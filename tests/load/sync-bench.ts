/**
 * The sync part of `npm run bench`: load points of real y-websocket clients against Hubwork
 * (PostgreSQL, authenticated, persist-before-relay) and against the stock in-memory y-websocket
 * server, the commit floor, a cold load after compaction, and the projection lag measured during
 * one of Hubwork's points (projection-lag.ts). Used by bench.ts; not a script of its own.
 */
import { startPostgres } from '../support/postgres-server.js'
import { mkdtemp, rm } from 'node:fs/promises'
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
import { runPoint, type LoadPoint, type PointHooks, type PointResult } from './load.js'
import { formatCommitFloor, measureCommitFloor, type CommitFloor } from './commit-floor.js'
import { openLagProbe, type LagResult, type LagWriter } from './projection-lag.js'
import { startHubwork, startReference, type ServerProcess } from './servers.js'

export interface SyncBenchOptions {
  /** Run against both servers (the sync section). */
  points: LoadPoint[]
  /** Also measure the projection lag during this point, against Hubwork; run against Hubwork alone when not in `points`. */
  lagPoint: LoadPoint | null
  /** The commit floor and the cold load (the sync section). */
  extras: boolean
  /** Cold load size, and runs of the commit floor. */
  coldUpdates: number
  floorRuns: number
  log: (line: string) => void
}

export interface ColdLoad {
  updates: number
  compactMs: number
  syncMs: number
}

export interface SyncBench {
  results: PointResult[]
  floor: CommitFloor | null
  coldLoad: ColdLoad | null
  lag: LagResult | null
}

/** Log writers of the lag probe: one per hub, each its own hub's log document. */
const LAG_WRITERS = 5

export async function runSyncBench(o: SyncBenchOptions): Promise<SyncBench> {
  const out: SyncBench = { results: [], floor: null, coldLoad: null, lag: null }
  const runs = [...o.points.map((point) => ({ point, servers: ['reference', 'hubwork'] }))]
  if (o.lagPoint && !o.points.includes(o.lagPoint)) runs.push({ point: o.lagPoint, servers: ['hubwork'] })
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-bench-'))
  const pg = await startPostgres(dir, await freePort())
  try {
    await pg.createDatabase('bench')
    const databaseUrl = `${pg.url}/bench`
    const database = await connectPostgres(databaseUrl)
    await migrateToLatest(database.db)
    // The least persist-before-relay can add: measured first, on the same PostgreSQL and disk.
    if (o.extras) {
      out.floor = await measureCommitFloor(databaseUrl, dir, o.floorRuns)
      o.log(formatCommitFloor(out.floor))
    }
    const hub = await createHub(database.db, { missions: ['DE'] })
    // A few accounts, each with one session shared by many sockets (as tabs of one person would).
    const cookies: string[] = []
    for (let i = 0; i < 20; i++) cookies.push(await sessionCookie(database.db, (await createUser(database.db, { hubId: hub.id, mission: 'EU' })).id))
    const writers: LagWriter[] = []
    for (let i = 0; o.lagPoint && i < LAG_WRITERS; i++) {
      const lagHub = await createHub(database.db, { missions: ['DE'] })
      const user = await createUser(database.db, { hubId: lagHub.id, mission: 'EU' })
      writers.push({ hubId: lagHub.id, userId: user.id, cookie: await sessionCookie(database.db, user.id) })
    }

    // The sync server opens only notes that exist: each benchmark document gets its row.
    const benchNotes = new Set(runs.flatMap(({ point }) => Array.from({ length: point.docs }, (_, d) => `bench-${point.clients}-${d}`)))
    for (const id of benchNotes) await createNoteRow(database.db, hub.id, id)
    const ours = await startHubwork(databaseUrl)
    const origin = ours.url.replace('ws://', 'http://').replace('/collab', '')
    let reference: ServerProcess | null = null
    try {
      if (o.points.length) reference = await startReference()
      for (const { point, servers } of runs) {
        for (const server of servers.map((s) => (s === 'hubwork' ? ours : reference!))) {
          const xacts = async () => Number((await sql<{ n: string }>`select sum(xact_commit)::text as n from pg_stat_database`.execute(database.db)).rows[0].n)
          const x0 = await xacts()
          const withLag = server === ours && point === o.lagPoint
          const probe = withLag ? await openLagProbe(origin, writers) : null
          const hooks: PointHooks = probe ? { editing: () => probe.start(), edited: async () => void (out.lag = await probe.stop(point.name)) } : {}
          const r = await runPoint(
            server,
            point,
            (d) => `hub/${hub.id}/notes/bench-${point.clients}-${d}`,
            (i): Record<string, string> => (server === ours ? { cookie: cookies[i % cookies.length], origin } : {}),
            hooks,
          )
          // Database transactions (each autocommit query is one) per edit: the server's round trips, counted rather than timed.
          r.dbXactsPerEdit = ((await xacts()) - x0 - 1) / Math.max(1, r.edits)
          if (withLag) r.lagProbe = writers.length
          out.results.push(r)
          o.log(`${r.point} · ${r.server}${withLag ? ' (+ lag probe)' : ''}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, lost ${r.lost}, server CPU ${r.serverCpuPct.toFixed(0)}%, db xacts/edit ${r.dbXactsPerEdit.toFixed(2)}, RSS ${r.serverRssMiB.toFixed(0)} MiB, generator CPU ${r.generatorCpuPct.toFixed(0)}%`)
        }
      }
      if (o.extras) out.coldLoad = await coldLoad(database.db, hub.id, origin, cookies[0], o.coldUpdates)
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
  return out
}

/** Cold load after compaction: `n` stored updates of one document, compacted, then one client's connect-to-synced. */
async function coldLoad(db: Parameters<typeof compactDoc>[0], hubId: string, origin: string, cookie: string, n: number): Promise<ColdLoad> {
  const doc = `hub/${hubId}/notes/cold-load`
  await createNoteRow(db, hubId, 'cold-load')
  const src = new Y.Doc()
  const updates: Uint8Array[] = []
  src.on('update', (u: Uint8Array) => updates.push(u))
  const text = src.getText('t')
  for (let i = 0; i < n; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)))
  for (let i = 0; i < updates.length; i += 1000) await appendUpdates(db, updates.slice(i, i + 1000).map((u) => ({ doc, update: u, userId: null })))
  const c0 = performance.now()
  await compactDoc(db, doc)
  const compactMs = performance.now() - c0
  const s0 = performance.now()
  const client = connectClient(origin, doc, cookie, { origin })
  // Bounded: a refused socket (e.g. a document that does not exist) must fail the step, not hang the run.
  const deadline = Date.now() + 60_000
  while (!client.provider.synced) {
    if (client.closes.length || Date.now() > deadline) throw new Error(`cold load did not sync: ${JSON.stringify(client.closes)}`)
    await new Promise((r) => setTimeout(r, 2))
  }
  const syncMs = performance.now() - s0
  if (client.doc.getText('t').length !== n) throw new Error('cold load lost content')
  client.destroy()
  return { updates: updates.length, compactMs, syncMs }
}
