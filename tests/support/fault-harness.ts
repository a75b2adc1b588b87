import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { connectPostgres } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { readDocState } from '../../server/db/update-store.js'
import { BUILT_SERVER, startChildServer, type ChildServer } from './child-server.js'
import { freePort } from './global-setup.js'
import { startNginx, type Nginx } from './nginx.js'
import { startPostgres, type PostgresServer } from './postgres-server.js'
import { createHub, createUser, createNoteRow, sessionCookie } from './factories.js'
import { connectClient } from './ws-client.js'

/** What a fault run does: how many editors, for how long, which faults. */
export interface FaultOptions {
  clients: number
  docs: number
  durationMs: number
  /** One process gets kill -9 (and is restarted) this often. */
  killEveryMs: number
  maxKills: number
  /** When PostgreSQL is restarted (once), from the start; null: never. */
  pgRestartAtMs: number | null
  /** How long PostgreSQL stays down. */
  pgDownMs: number
  /** Each client makes one edit this often. */
  editEveryMs: number
  /** How long clients may take to converge once edits stop. */
  settleMs: number
  /** Stop at `durationMs` even if faults are left (the soak); otherwise edits go on until every fault happened. */
  timeBound?: boolean
  log?: (line: string) => void
}

export interface Percentiles {
  count: number
  p50: number
  p95: number
  max: number
}

/** What a fault run measured. */
export interface FaultReport {
  options: Omit<FaultOptions, 'log'>
  kills: number
  /** Mean time between kills kept, in ms (a kill waits for the last restart). */
  meanKillIntervalMs: number
  pgRestarts: number
  /** Processes that exited without being killed (a crash). */
  crashes: number
  written: number
  /** Edits a client received from a peer that the database does not hold: must be 0. */
  lost: number
  /** Edits a client made that the database does not hold: must be 0. */
  lostWritten: number
  /** Every client of each document holds the same state, equal to the database's. */
  converged: boolean
  settleMs: number
  /** Closes the clients saw with a code ≥ 4400 (refusals; 4400–4499 stop a client for good), by code and reason. */
  refusals: Record<string, number>
  /** Every close the clients saw (a failed reconnect attempt counts: 1006), by code. */
  closeCodes: Record<string, number>
  /** nginx's error log, by kind of message (addresses and times left out): where failed reconnects go. */
  nginxErrors: Record<string, number>
  /** Sockets the processes up at the end dropped for silence, and client ids they handed over (killed processes' counts are gone). */
  heartbeatDropped: number
  handovers: number
  reconnect: { all: Percentiles; afterKill: Percentiles; afterPgRestart: Percentiles }
  pgRestart: {
    /** Group commits that failed while PostgreSQL was down (each retried; nothing was relayed unstored). */
    failedCommits: number
    /** Edits made while PostgreSQL was down, and how many of them the database holds in the end (resent or retried). */
    editsWhileDown: number
    storedAfter: number
    /** How long PostgreSQL was unavailable, in ms. */
    downMs: number
  } | null
}

const ORIGIN = 'http://hubwork.test'

function percentiles(values: number[]): Percentiles {
  const v = [...values].sort((a, b) => a - b)
  const at = (q: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)] : 0)
  return { count: v.length, p50: Math.round(at(0.5)), p95: Math.round(at(0.95)), max: Math.round(v.at(-1) ?? 0) }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Sums one counter over the processes' /metrics (processes that do not answer count 0). */
async function sumMetric(procs: (ChildServer | null)[], name: string): Promise<number> {
  let total = 0
  for (const p of procs) {
    if (!p) continue
    try {
      const text = await (await fetch(`${p.url}/metrics`)).text()
      const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
      if (m) total += Number(m[1])
    } catch {
      // down
    }
  }
  return total
}

/**
 * Three Hubwork processes behind nginx on one PostgreSQL, `clients` real y-websocket clients
 * editing through nginx; every `killEveryMs` one process gets kill -9 and is restarted on its
 * port; PostgreSQL is restarted once. Then edits stop, and the run waits for every client to
 * converge and compares what clients hold with what the database holds.
 */
export async function runFaults(opts: FaultOptions): Promise<FaultReport> {
  const log = opts.log ?? (() => {})
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hubwork-faults-'))
  await chmod(tmp, 0o755)
  let pg: PostgresServer | null = null
  let nginx: Nginx | null = null
  const procs: (ChildServer | null)[] = [null, null, null]
  const clients: ReturnType<typeof connectClient>[] = []
  let crashes = 0
  const killedByUs = new WeakSet<ChildServer>()
  try {
    pg = await startPostgres(tmp, await freePort())
    await pg.createDatabase('hubwork')
    const url = `${pg.url}/hubwork`
    const db = connectPostgres(url, { max: 2 })
    await migrateToLatest(db.db)
    const hub = await createHub(db.db, {})
    const users = Math.max(1, Math.ceil(opts.clients / 30))
    const cookies: string[] = []
    for (let i = 0; i < users; i++) {
      const u = await createUser(db.db, { hubId: hub.id, mission: 'EU' })
      cookies.push(await sessionCookie(db.db, u.id))
    }
    const docs: string[] = []
    for (let i = 0; i < opts.docs; i++) docs.push(await createNoteRow(db.db, hub.id, `soak-${i}`))

    const ports = await Promise.all(procs.map(() => freePort()))
    // FAULT_LOG_LEVEL=warn keeps the processes' warnings (refusals, dropped sockets) for a failed run's diagnosis.
    const env = { DATABASE_URL: url, PUBLIC_ORIGIN: ORIGIN, LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'error' }
    const everyProc: ChildServer[] = []
    const start = async (i: number) => {
      const p = await startChildServer(env, ports[i], BUILT_SERVER)
      everyProc.push(p)
      p.child.once('exit', () => {
        if (!killedByUs.has(p)) {
          crashes++
          log(`process ${i} exited on its own: ${p.output().slice(-2000)}`)
        }
      })
      procs[i] = p
    }
    await Promise.all(procs.map((_, i) => start(i)))
    // A restart may find PostgreSQL down (it then exits at start): try again until it is up.
    const restarts: Promise<void>[] = []
    const restart = async (i: number) => {
      const began = Date.now()
      for (;;) {
        try {
          await start(i)
          log(`process ${i} back after ${Date.now() - began} ms`)
          return
        } catch {
          await sleep(500)
        }
      }
    }
    nginx = await startNginx(path.join(tmp, 'nginx'), ports.map((p) => `127.0.0.1:${p}`))
    log(`3 processes behind nginx at ${nginx.url}, PostgreSQL at ${pg.url}`)

    // Reconnect times: from the socket's loss to the document synced again, by the fault behind it.
    let lastFault: 'kill' | 'pg' = 'kill'
    const reconnects: { ms: number; fault: 'kill' | 'pg' }[] = []
    const written: Set<string>[] = []
    for (let i = 0; i < opts.clients; i++) {
      const c = connectClient(nginx.url, docs[i % docs.length], cookies[i % cookies.length], { origin: ORIGIN })
      let lostAt: number | null = null
      let fault: 'kill' | 'pg' = 'kill'
      c.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected' && lostAt === null) {
          lostAt = performance.now()
          fault = lastFault
        }
      })
      c.provider.on('sync', (synced: boolean) => {
        if (synced && lostAt !== null) {
          reconnects.push({ ms: performance.now() - lostAt, fault })
          lostAt = null
        }
      })
      clients.push(c)
      written.push(new Set())
    }
    const deadline0 = Date.now() + 60_000
    while (!clients.every((c) => c.provider.synced)) {
      if (Date.now() > deadline0) throw new Error(`clients did not sync: ${clients.filter((c) => !c.provider.synced).length} waiting`)
      await sleep(50)
    }
    log(`${opts.clients} clients synced on ${opts.docs} documents`)

    // Edits: each client appends its own tokens, connected or not (a disconnected editor keeps typing).
    const t0 = Date.now()
    let editing = true
    let outage: { from: number; to: number } | null = null
    const duringOutage = new Set<string>()
    const timers = clients.map((c, i) => {
      let n = 0
      const edit = () => {
        if (!editing) return
        const token = `${i}:${n++}`
        c.doc.getArray<string>('e').push([token])
        written[i].add(token)
        if (outage && outage.to === 0) duringOutage.add(token)
      }
      const stagger = setTimeout(() => {
        edit()
        timers[i] = setInterval(edit, opts.editEveryMs)
      }, Math.random() * opts.editEveryMs)
      return stagger
    })

    // Faults, one at a time: kills at each interval, the PostgreSQL restart between two of them.
    let kills = 0
    const killTimes: number[] = []
    let pgRestarts = 0
    let failedCommits = 0
    // The PostgreSQL restart keeps its time, whatever the kills (it may overlap a process's restart).
    const pgTask = (async () => {
      if (opts.pgRestartAtMs === null) return
      await sleep(Math.max(0, t0 + opts.pgRestartAtMs - Date.now()))
      const before = await sumMetric(procs, 'hubwork_commit_failures_total')
      lastFault = 'pg'
      outage = { from: Date.now(), to: 0 }
      await pg!.stop()
      await sleep(opts.pgDownMs)
      await pg!.start()
      outage.to = Date.now()
      pgRestarts++
      // The failed commits are retried with backoff (≤ 5 s): read the counters once they are through.
      await sleep(1_000)
      failedCommits = (await sumMetric(procs, 'hubwork_commit_failures_total')) - before
      log(`PostgreSQL restarted at ${Math.round((outage.from - t0) / 1000)} s, down ${outage.to - outage.from} ms; ${failedCommits} group commits failed meanwhile (retried)`)
    })()
    for (let at = opts.killEveryMs; kills < opts.maxKills; at += opts.killEveryMs) {
      // Time-bounded (the soak): no fault starts in the last second. Otherwise every kill happens.
      if (opts.timeBound && (Date.now() - t0 > opts.durationMs - 1_000 || at > opts.durationMs)) break
      const wait = t0 + at - Date.now()
      if (wait > 0) await sleep(wait)
      // Never below two processes: a kill waits for the last restart (on a loaded machine a
      // restart may take longer than the interval; the report gives the intervals kept).
      await Promise.all(restarts)
      const i = kills % procs.length
      const p = procs[i]!
      lastFault = 'kill'
      killedByUs.add(p)
      await p.kill9()
      procs[i] = null
      kills++
      killTimes.push(Date.now() - t0)
      log(`kill -9 #${kills} of process ${i} at ${Math.round((Date.now() - t0) / 1000)} s`)
      restarts.push(restart(i))
    }
    await pgTask
    const left = t0 + opts.durationMs - Date.now()
    if (left > 0) await sleep(left)
    await Promise.all(restarts)
    // A moment of editing with every process up, after the last fault.
    await sleep(1_000)
    editing = false
    for (const t of timers) {
      clearTimeout(t)
      clearInterval(t)
    }
    log(`edits stopped after ${Math.round((Date.now() - t0) / 1000)} s; ${written.reduce((n, s) => n + s.size, 0)} edits made`)

    // Settle: every client connected and synced, every client of a document equal to the database.
    const settleStart = Date.now()
    const stored = async (doc: string) => {
      const state = await readDocState(db.db, doc)
      const d = new Y.Doc()
      if (state) Y.applyUpdate(d, state.update)
      return new Set(d.getArray<string>('e').toArray())
    }
    const held = (doc: string) => clients.filter((_, i) => docs[i % docs.length] === doc)
    let converged = false
    let dbTokens = new Map<string, Set<string>>()
    while (Date.now() - settleStart < opts.settleMs) {
      const allSynced = clients.every((c) => c.provider.wsconnected && c.provider.synced)
      dbTokens = new Map()
      for (const d of docs) dbTokens.set(d, await stored(d).catch(() => new Set<string>()))
      converged =
        allSynced &&
        docs.every((d) => {
          const states = held(d).map((c) => JSON.stringify(c.doc.getArray('e').toJSON()))
          const first = held(d)[0].doc.getArray<string>('e').toArray()
          return states.every((s) => s === states[0]) && first.length === dbTokens.get(d)!.size && first.every((t) => dbTokens.get(d)!.has(t))
        })
      if (converged) break
      await sleep(250)
    }
    const settleMs = Date.now() - settleStart
    const refusals: Record<string, number> = {}
    for (const c of clients) for (const x of c.closes) if (x.code >= 4400) refusals[`${x.code} ${x.reason}`] = (refusals[`${x.code} ${x.reason}`] ?? 0) + 1
    const closeCodes: Record<string, number> = {}
    for (const c of clients) for (const x of c.closes) closeCodes[x.code] = (closeCodes[x.code] ?? 0) + 1
    const nginxErrors: Record<string, number> = {}
    for (const line of (await nginx.errors()).split('\n')) {
      const m = /\[(\w+)\] \d+#\d+: (?:\*\d+ )?([^,(]*)/.exec(line)
      if (!m) continue
      const kind = `${m[1]} ${m[2].trim()}`
      nginxErrors[kind] = (nginxErrors[kind] ?? 0) + 1
      if (nginxErrors[kind] <= 2) log(`nginx: ${line.slice(0, 500)}`)
    }
    const heartbeatDropped = await sumMetric(procs, 'hubwork_sync_heartbeat_dropped_total')
    const handovers = await sumMetric(procs, 'hubwork_sync_handovers_total')
    if (!converged) {
      const codes: Record<string, number> = {}
      for (const c of clients) for (const x of c.closes) codes[x.code >= 4400 ? `${x.code} ${x.reason}` : x.code] = (codes[x.code >= 4400 ? `${x.code} ${x.reason}` : x.code] ?? 0) + 1
      const stuck = clients.filter((c) => !(c.provider.wsconnected && c.provider.synced))
      for (const p of everyProc) for (const line of p.output().split('\n')) if (/another connection|silent sync connection/.test(line)) log(`  ${line.slice(0, 400)}`)
      log(`not converged: ${stuck.length} clients not synced (${stuck.filter((c) => !c.provider.shouldConnect).length} gave up); close codes ${JSON.stringify(codes)}`)
    }
    // What clients hold first, the database after: whatever a peer received was stored before it
    // was relayed, so it must be in a database read taken later.
    const holds = clients.map((c) => c.doc.getArray<string>('e').toArray())
    dbTokens = new Map()
    for (const d of docs) dbTokens.set(d, await stored(d))
    let lost = 0
    let lostWritten = 0
    for (let i = 0; i < clients.length; i++) {
      const inDb = dbTokens.get(docs[i % docs.length])!
      for (const t of holds[i]) if (!inDb.has(t) && !written[i].has(t)) lost++
      for (const t of written[i]) if (!inDb.has(t)) lostWritten++
    }
    const allDb = new Set([...dbTokens.values()].flatMap((s) => [...s]))
    const storedAfter = [...duringOutage].filter((t) => allDb.has(t)).length
    await db.close()
    const report: FaultReport = {
      options: { timeBound: opts.timeBound, clients: opts.clients, docs: opts.docs, durationMs: opts.durationMs, killEveryMs: opts.killEveryMs, maxKills: opts.maxKills, pgRestartAtMs: opts.pgRestartAtMs, pgDownMs: opts.pgDownMs, editEveryMs: opts.editEveryMs, settleMs: opts.settleMs },
      kills,
      meanKillIntervalMs: killTimes.length > 1 ? Math.round((killTimes.at(-1)! - killTimes[0]) / (killTimes.length - 1)) : 0,
      pgRestarts,
      crashes,
      written: written.reduce((n, s) => n + s.size, 0),
      lost,
      lostWritten,
      converged,
      settleMs,
      refusals,
      closeCodes,
      nginxErrors,
      heartbeatDropped,
      handovers,
      reconnect: {
        all: percentiles(reconnects.map((r) => r.ms)),
        afterKill: percentiles(reconnects.filter((r) => r.fault === 'kill').map((r) => r.ms)),
        afterPgRestart: percentiles(reconnects.filter((r) => r.fault === 'pg').map((r) => r.ms)),
      },
      pgRestart: outage ? { failedCommits, editsWhileDown: duringOutage.size, storedAfter, downMs: outage.to - outage.from } : null,
    }
    return report
  } finally {
    for (const c of clients) c.destroy()
    await nginx?.stop().catch(() => {})
    for (const p of procs) {
      if (!p) continue
      killedByUs.add(p)
      await p.stop().catch(() => {})
    }
    await pg?.stop().catch(() => {})
    await rm(tmp, { recursive: true, force: true }).catch(() => {})
  }
}
