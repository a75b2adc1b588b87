import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import * as encoding from 'lib0/encoding'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastOf } from '../support/cast.js'
import { createNoteRow } from '../support/factories.js'
import { connectClient, rawSocket, until } from '../support/ws-client.js'
import { startTcpProxy } from '../support/tcp-proxy.js'
import { NodeEventSource } from '../support/node-event-source.js'
import { readDocState } from '../../server/db/update-store.js'
import { encodeAwarenessUpdate, encodeUpdateMessage } from '../../server/collab/protocol.js'
import type { CollabOptions } from '../../server/collab/collab-server.js'

/**
 * A socket whose network died without a close (a half-open link: here a TCP proxy that stops
 * forwarding) must not keep its room, presence and Yjs client id: the same client reconnecting on a
 * new socket is accepted and its edits stored, instead of 4400 "client id … belongs to another
 * connection" for good. Engine-independent (nothing here reaches past the write path): one engine.
 */
describe('half-open sync connections', () => {
  let t: TestServer | null = null
  let cast: CastOf<typeof TEAM>
  const cleanup: (() => unknown)[] = []
  const NEVER = 600_000

  async function start(collab: Partial<CollabOptions>) {
    t = await startTestServer('pglite', {}, collab)
    cast = await createCast(t.db.db, TEAM)
    return t
  }
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c()
    await t?.close()
    t = null
  })

  const port = (s: TestServer) => Number(new URL(s.url).port)
  const connectionsOn = (s: TestServer, doc: string) => [...s.server.services.collab!.openConnections()].filter((c) => c.doc === doc).length
  const metric = async (s: TestServer, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(`${s.url}/metrics`)).text())?.[1] ?? 0)
  const stored = async (s: TestServer, doc: string) => {
    const state = await readDocState(s.db.db, doc)
    const d = new Y.Doc()
    if (state) Y.applyUpdate(d, state.update)
    return d.getArray<string>('e').toArray()
  }

  /**
   * Alice edits through the proxy, then the link freezes with one more edit in flight; a peer (Bob)
   * watches directly. Returns her document, to reconnect with the same Yjs client id.
   */
  async function aliceOnAFrozenLink(s: TestServer, doc: string) {
    const proxy = await startTcpProxy(port(s))
    cleanup.push(() => proxy.close())
    const peer = connectClient(s.url, doc, cast.cookies.bob, { origin: s.origin })
    cleanup.push(() => peer.destroy())
    const alice = connectClient(proxy.url, doc, cast.cookies.alice, { origin: s.origin })
    await until(() => alice.provider.synced && peer.provider.synced, 10_000, 'both synced')
    alice.doc.getArray<string>('e').push(['before'])
    await until(() => peer.doc.getArray('e').length === 1, 10_000, 'the first edit relayed')
    expect(connectionsOn(s, doc)).toBe(2)
    proxy.freeze()
    const frozenAt = Date.now()
    alice.doc.getArray<string>('e').push(['during'])
    // Her old provider lets go (its close goes into the frozen link); the document stays.
    alice.provider.destroy()
    return { doc: alice.doc, peer, frozenAt }
  }

  /** The same Y.Doc on a new socket, straight to the server: accepted, and every edit stored. */
  async function reconnectAndEdit(s: TestServer, doc: string, ydoc: Y.Doc, peer: ReturnType<typeof connectClient>) {
    const again = connectClient(s.url, doc, cast.cookies.alice, { origin: s.origin, doc: ydoc })
    cleanup.push(() => again.destroy())
    await until(() => again.provider.synced, 15_000, 'reconnected and synced')
    ydoc.getArray<string>('e').push(['after'])
    await until(() => peer.doc.getArray('e').length === 3, 15_000, 'the edits of the reconnected client relayed')
    expect(again.closes).toEqual([])
    expect(again.provider.wsconnected).toBe(true)
    expect((await stored(s, doc)).sort()).toEqual(['after', 'before', 'during'])
  }

  it('the heartbeat drops a socket that answers no ping within the next interval; its client id reconnecting is accepted', async () => {
    const s = await start({ pingMs: 300, handoverSilentMs: NEVER, pongWaitMs: NEVER })
    const doc = await createNoteRow(s.db.db, cast.hubs.hub.id, 'hb1')
    const { doc: ydoc, peer, frozenAt } = await aliceOnAFrozenLink(s, doc)
    // Pinged at the next tick, unanswered by the one after: gone within about two intervals.
    await until(() => connectionsOn(s, doc) === 1, 5_000, 'the silent socket dropped')
    expect(Date.now() - frozenAt).toBeLessThan(3_000)
    expect(await metric(s, 'hubwork_sync_heartbeat_dropped_total')).toBe(1)
    // The peer no longer sees her (presence released at once).
    await until(() => !peer.provider.awareness.getStates().has(ydoc.clientID), 5_000, 'her presence gone')
    await reconnectAndEdit(s, doc, ydoc, peer)
    // A live socket answers every ping: the peer and the new socket stay.
    const before = await metric(s, 'hubwork_sync_heartbeat_dropped_total')
    await until(async () => (await metric(s, 'hubwork_sync_heartbeat_dropped_total')) === before && Date.now() - frozenAt > 3_000, 10_000, 'several more intervals')
    expect(connectionsOn(s, doc)).toBe(2)
  })

  it("a new socket of the same session takes over a client id whose owner has been silent past the bound", async () => {
    const s = await start({ pingMs: NEVER, handoverSilentMs: 400, pongWaitMs: NEVER })
    const doc = await createNoteRow(s.db.db, cast.hubs.hub.id, 'hb2')
    const { doc: ydoc, peer, frozenAt } = await aliceOnAFrozenLink(s, doc)
    await until(() => Date.now() - frozenAt > 500, 5_000, 'the owner silent past the bound')
    await reconnectAndEdit(s, doc, ydoc, peer)
    expect(connectionsOn(s, doc)).toBe(2)
    expect(await metric(s, 'hubwork_sync_handovers_total')).toBe(1)
  })

  it('a new socket of the same session right after the link froze: the owner is pinged, does not answer, and is replaced', async () => {
    const s = await start({ pingMs: NEVER, handoverSilentMs: NEVER, pongWaitMs: 300 })
    const doc = await createNoteRow(s.db.db, cast.hubs.hub.id, 'hb3')
    const { doc: ydoc, peer } = await aliceOnAFrozenLink(s, doc)
    await reconnectAndEdit(s, doc, ydoc, peer)
    expect(connectionsOn(s, doc)).toBe(2)
    expect(await metric(s, 'hubwork_sync_handovers_total')).toBe(1)
  })

  it('presence: a new socket of the same session speaking for the id its unanswering old socket holds takes it over (no 4403)', async () => {
    const s = await start({ pingMs: NEVER, handoverSilentMs: NEVER, pongWaitMs: 300 })
    const doc = await createNoteRow(s.db.db, cast.hubs.hub.id, 'hb6')
    const peer = connectClient(s.url, doc, cast.cookies.bob, { origin: s.origin })
    cleanup.push(() => peer.destroy())
    await until(() => peer.provider.synced, 10_000, 'peer synced')
    const presence = (clock: number, name: string) => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint8Array(e, encodeAwarenessUpdate([{ clientId: 6161, clock, state: { user: { name } } }]))
      return encoding.toUint8Array(e)
    }
    // The old socket: present, then its client stops answering anything (no pongs: a dead link).
    const old = new WebSocket(`${s.url.replace(/^http/, 'ws')}/collab/${doc}`, { headers: { cookie: cast.cookies.alice, origin: s.origin }, autoPong: false })
    cleanup.push(() => old.terminate())
    await new Promise((r) => old.once('open', r))
    old.send(presence(1, 'first'))
    await until(() => peer.provider.awareness.getStates().has(6161), 10_000, 'present')
    const fresh = await rawSocket(s.url, doc, cast.cookies.alice, s.origin)
    cleanup.push(() => fresh.ws.terminate())
    fresh.ws.send(presence(2, 'again'))
    await until(() => peer.provider.awareness.getStates().get(6161)?.user?.name?.startsWith('Alice') && peer.provider.awareness.meta.get(6161)?.clock === 2, 10_000, 'the new presence relayed')
    expect(fresh.ws.readyState).toBe(fresh.ws.OPEN)
    await until(() => old.readyState === old.CLOSED, 5_000, 'the old socket dropped')
    expect(await metric(s, 'hubwork_sync_handovers_total')).toBe(1)
  })

  it("another person's socket never takes over a client id, even from a silent owner: 4400", async () => {
    const s = await start({ pingMs: NEVER, handoverSilentMs: 200, pongWaitMs: 200 })
    const doc = await createNoteRow(s.db.db, cast.hubs.hub.id, 'hb4')
    const owner = new Y.Doc()
    owner.clientID = 515151
    owner.getText('y').insert(0, 'mine')
    const first = await rawSocket(s.url, doc, cast.cookies.alice, s.origin)
    cleanup.push(() => first.ws.terminate())
    first.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(owner)))
    await until(async () => (await readDocState(s.db.db, doc)) !== null, 10_000, 'stored')
    const sv = Y.encodeStateVector(owner)
    owner.getText('y').insert(4, ' or not')
    await until(() => first.received.length > 0, 5_000, 'the owner joined')
    const since = Date.now()
    await until(() => Date.now() - since > 300, 5_000, 'the owner silent past the bound')
    const thief = await rawSocket(s.url, doc, cast.cookies.bob, s.origin)
    thief.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(owner, sv)))
    const closed = await thief.closed
    expect(closed.code).toBe(4400)
    expect(closed.reason).toMatch(/another connection/)
    expect(first.ws.readyState).toBe(first.ws.OPEN)
  })

  it('an HTTP stream (the fallback transport) whose client posts nothing for the silence bound is closed and released', async () => {
    ;(globalThis as { EventSource?: unknown }).EventSource = NodeEventSource
    const s = await start({ pingMs: NEVER, handoverSilentMs: NEVER, pongWaitMs: NEVER, httpSilenceMs: 500 })
    const doc = await createNoteRow(s.db.db, cast.hubs.hub.id, 'hb5')
    const es = new NodeEventSource(`${s.url}/collab-http/${doc}`, { headers: { cookie: cast.cookies.alice, origin: s.origin } })
    cleanup.push(() => es.close())
    const events: { type: string; data: string }[] = []
    for (const type of ['hello', 'close']) es.addEventListener(type, (e) => events.push({ type, data: e.data }))
    await until(() => connectionsOn(s, doc) === 1, 10_000, 'the stream joined')
    await until(() => events.some((e) => e.type === 'close'), 5_000, 'the silent stream closed')
    const close = JSON.parse(events.find((e) => e.type === 'close')!.data) as { code: number; reason: string }
    // Not a refusal: the client's provider reconnects (codes 4400–4499 would stop it).
    expect(close.code < 4400 || close.code >= 4500).toBe(true)
    expect(connectionsOn(s, doc)).toBe(0)
  })
})
