import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { BUILT_SERVER, startChildServer, type ChildServer } from '../support/child-server.js'
import { createCast, defineCast, TEAM, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { openEvents, type OpenStream } from '../support/sse.js'
import { client } from '../support/http.js'
import { createExchange } from '../../shared/log-doc.js'
import { CloseCode } from '../../shared/close-codes.js'
import * as Y from 'yjs'
import { createNoteRow } from '../support/factories.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'

const CAST = defineCast({
  hubs: TEAM.hubs,
  users: { ...TEAM.users, admin: { role: 'admin', name: 'Ada Admin' }, dora: { hub: 'hub', mission: 'EU', name: 'Dora Dropped' } },
})

/**
 * Three real server processes on one PostgreSQL: whatever a person notices live must reach them
 * whichever process they are connected to (cluster/live-bridge.ts over db/event-bus.ts).
 */
describe.skipIf(!ENGINES.includes('postgres'))('postgres: three processes, one live experience', () => {
  let db: TestDb
  let procs: ChildServer[]
  let cast: CastOf<typeof CAST>
  const open: { destroy(): void }[] = []
  const streams: OpenStream[] = []
  let item = ''
  const api = (p: ChildServer, who: keyof typeof CAST.users) => client(p.url, p.origin, cast.cookies[who])

  beforeAll(async () => {
    db = await openTestDb('postgres')
    cast = await createCast(db.db, CAST)
    procs = await Promise.all([0, 1, 2].map(() => startChildServer({ DATABASE_URL: db.url!, PUBLIC_ORIGIN: 'http://hubwork.test' }, undefined, BUILT_SERVER)))
    // One PUBLIC_ORIGIN for all, as behind a load balancer.
    for (const p of procs) p.origin = 'http://hubwork.test'
    const [a] = procs
    const log = connectClient(a.url, `hub/${cast.hubs.hub.id}/log`, cast.cookies.alice, { origin: a.origin })
    open.push(log)
    await until(() => log.provider.synced, 20_000, 'log synced')
    const id = createExchange(log.doc, { title: 'Undersea cable resilience', mission: 'EU', authorId: cast.ids.alice, crossCutting: false, themes: ['cybersecurity'] })
    item = `${cast.hubs.hub.id}:exchange:${id}`
    await until(async () => (await api(a, 'alice').request('GET', `/api/items?hubId=${cast.hubs.hub.id}`)).body.length === 1, 20_000, 'item projected')
  }, 120_000)
  afterAll(async () => {
    for (const s of streams) s.close()
    for (const c of open) c.destroy()
    await Promise.all((procs ?? []).map((p) => p.stop()))
    await db?.close()
  })

  const events = async (p: ChildServer, who: keyof typeof CAST.users) => {
    const s = await openEvents(p.url, cast.cookies[who])
    expect(s.status).toBe(200)
    streams.push(s)
    return s
  }

  it('a comment posted on one process reaches live streams on the others, with the inbox count of whoever is mentioned', async () => {
    const [a, b, c] = procs
    const bobOnB = await events(b, 'bob')
    const hqOnC = await events(c, 'hq')
    const carolOnC = await events(c, 'carol')
    const path = `/api/items/${encodeURIComponent(item)}/comments`
    expect((await api(a, 'alice').request('POST', path, { body: 'Please check, @Bob Beispiel' })).status).toBe(201)
    await until(() => bobOnB.count('thread') >= 1 && hqOnC.count('thread') >= 1, 10_000, 'thread event on B and C')
    // Bob was mentioned: his unread count arrives on B, though the comment was posted on A.
    await until(() => bobOnB.count('inbox') >= 1, 10_000, 'inbox event on B')
    expect(bobOnB.text()).toMatch(/event: inbox\ndata: \{"unread":1\}/)
    // Access is decided where the stream is: Carol (another hub) hears nothing.
    expect(carolOnC.count('thread')).toBe(0)
  })

  it('signing out on one process closes that session’s sockets and streams on the others at once', async () => {
    const [a, b, c] = procs
    const brief = `hub/${cast.hubs.hub.id}/brief`
    const onB = connectClient(b.url, brief, cast.cookies.bob, { origin: b.origin })
    open.push(onB)
    const streamOnC = await events(c, 'bob')
    await until(() => onB.provider.synced, 10_000, 'bob synced on B')
    const started = Date.now()
    expect((await api(a, 'bob').request('POST', '/api/auth/logout')).status).toBe(204)
    // The session sweep runs every 30 s: closing within 5 s is the bus, not the sweep.
    await until(() => onB.closes.some((x) => x.code === CloseCode.unauthenticated) && streamOnC.ended(), 5_000, 'socket on B and stream on C closed')
    expect(Date.now() - started).toBeLessThan(5_000)
    onB.provider.disconnect()
  })

  it('a member removed on one process loses their sockets on every process at once', async () => {
    const [a, b, c] = procs
    const brief = `hub/${cast.hubs.hub.id}/brief`
    const onB = connectClient(b.url, brief, cast.cookies.dora, { origin: b.origin })
    const onC = connectClient(c.url, `hub/${cast.hubs.hub.id}/log`, cast.cookies.dora, { origin: c.origin })
    open.push(onB, onC)
    await until(() => onB.provider.synced && onC.provider.synced, 10_000, 'dora synced on B and C')
    const res = await api(a, 'admin').request('DELETE', `/api/hubs/${cast.hubs.hub.id}/members/${cast.ids.dora}`)
    expect(res.status).toBe(204)
    await until(() => onB.closes.some((x) => x.code === CloseCode.forbidden) && onC.closes.some((x) => x.code === CloseCode.forbidden), 5_000, '4403 on B and C')
    onB.provider.disconnect()
    onC.provider.disconnect()
  })

  it('a roll-up cached on one process is fresh as soon as an edit through another is projected', async () => {
    const [a, , c] = procs
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)
    const url = `/api/rollup?from=${day(-30)}&to=${day(1)}`
    const before = (await api(c, 'hq').request('GET', url)).body
    expect((await api(c, 'hq').request('GET', url)).body).toEqual(before)
    const log = connectClient(a.url, `hub/${cast.hubs.hub.id}/log`, cast.cookies.alice, { origin: a.origin })
    open.push(log)
    await until(() => log.provider.synced, 10_000, 'log synced')
    createExchange(log.doc, { title: 'Quantum-safe procurement', mission: 'EU', authorId: cast.ids.alice, crossCutting: false, themes: ['cybersecurity'] })
    // The cache lives 30 s: a change within 10 s comes from the invalidation crossing processes.
    await until(async () => JSON.stringify((await api(c, 'hq').request('GET', url)).body) !== JSON.stringify(before), 10_000, 'roll-up on C changed')
  })

  it('a note typed into through two processes at once is found by every word of both, whichever projected last', async () => {
    // Each process projects the note from its open room; a room that read its text before the
    // other process's update reached it reads again once it has it (db/live-docs.ts).
    const [a, b, c] = procs
    const doc = await createNoteRow(db.db, cast.hubs.hub.id, 'two-writers')
    const onA = connectClient(a.url, doc, cast.cookies.alice, { origin: a.origin })
    const onB = connectClient(b.url, doc, cast.cookies.alice, { origin: b.origin })
    open.push(onA, onB)
    await until(() => onA.provider.synced && onB.provider.synced, 10_000, 'both synced')
    const words: string[] = []
    for (let i = 0; i < 6; i++) {
      for (const [side, conn] of [['alpha', onA], ['beta', onB]] as const) {
        words.push(`${side}word${i}`)
        Y.applyUpdate(conn.doc, await buildLexicalDoc([{ type: 'p', text: `${side}word${i}` }]))
      }
    }
    const finds = async (word: string) => (await api(c, 'alice').request('GET', `/api/search?q=${word}`)).body.some((h: { docName: string }) => h.docName === doc)
    await until(async () => (await Promise.all(words.map(finds))).every(Boolean), 20_000, 'every word found')
  })

  it('reports the live parts of each process on /metrics', async () => {
    const text = await (await fetch(`${procs[1].url}/metrics`)).text()
    for (const name of ['hubwork_rooms_open', 'hubwork_connections_open', 'hubwork_commit_seconds_bucket', 'hubwork_write_batch_size_bucket', 'hubwork_sse_streams_open', 'hubwork_notify_lag_seconds_bucket', 'hubwork_projection_lag_seconds_bucket', 'hubwork_bus_peers', 'hubwork_bus_listening 1']) {
      expect(text).toContain(name)
    }
    // Every metric the documented dashboard plots exists.
    const dashboard = await readFile(path.resolve(import.meta.dirname, '../../docs/grafana-dashboard.json'), 'utf8')
    const plotted = new Set([...dashboard.matchAll(/hubwork_[a-z_]+/g)].map((m) => m[0].replace(/_bucket$/, '')))
    for (const name of plotted) expect(text, name).toContain(name)
    // Heartbeats every 5 s: B hears the two others.
    await until(async () => /hubwork_bus_peers 2/.test(await (await fetch(`${procs[1].url}/metrics`)).text()), 15_000, 'two peers')
  })
})
