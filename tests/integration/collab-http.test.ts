import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { WebsocketProvider } from 'y-websocket'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastOf } from '../support/cast.js'
import { createNoteRow } from '../support/factories.js'
import { connectClient, until } from '../support/ws-client.js'
import { NodeEventSource } from '../support/node-event-source.js'
import { readDocState } from '../../server/db/update-store.js'
import { HttpSyncSocket } from '../../client/sync/http-socket.js'

const CAST = TEAM

/**
 * The sync over plain HTTP (Server-Sent Events down, POSTs up), with the browser client's own
 * transport class in Node. One engine: the door, guards and write path are the socket's, tested on both.
 */
describe('sync over HTTP where WebSockets are blocked', () => {
  let t: TestServer
  let cast: CastOf<typeof CAST>
  const cleanup: (() => void)[] = []
  beforeAll(async () => {
    ;(globalThis as { EventSource?: unknown }).EventSource = NodeEventSource
    t = await startTestServer('pglite', {}, { idleUnloadMs: 200 })
    cast = await createCast(t.db.db, CAST)
  })
  afterAll(async () => {
    cleanup.forEach((c) => c())
    await t?.close()
  })

  /** A real WebsocketProvider whose "socket" is the HTTP transport, with a person's cookie. */
  const overHttp = (doc: string, cookie: string | null, origin = t.origin) => {
    const headers: Record<string, string> = { origin }
    if (cookie) headers.cookie = cookie
    class NodeHttpSocket extends HttpSyncSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers })
      }
    }
    const ydoc = new Y.Doc()
    const provider = new WebsocketProvider(t.url.replace(/^http/, 'ws') + '/collab', doc, ydoc, {
      WebSocketPolyfill: NodeHttpSocket as unknown as typeof WebSocket,
      disableBc: true,
    })
    const closes: { code: number; reason: string }[] = []
    provider.on('connection-close', (e: CloseEvent | null) => e && closes.push({ code: e.code, reason: e.reason }))
    cleanup.push(() => provider.destroy())
    return { doc: ydoc, provider, closes }
  }

  /** A raw stream: its events, and its id once the server named it. */
  const rawStream = (doc: string, headers: Record<string, string>) => {
    const es = new NodeEventSource(`${t.url}/collab-http/${doc}`, { headers })
    const events: { type: string; data: string }[] = []
    for (const type of ['hello', 'message', 'close']) es.addEventListener(type, (e) => events.push({ type, data: e.data }))
    cleanup.push(() => es.close())
    return { es, events, id: () => JSON.parse(events.find((e) => e.type === 'hello')?.data ?? '{}').id as string | undefined }
  }
  const post = (doc: string, id: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
    fetch(`${t.url}/collab-http/${doc}?id=${encodeURIComponent(id)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body })
  const frames = (...messages: Uint8Array[]) => {
    const e = encoding.createEncoder()
    for (const m of messages) encoding.writeVarUint8Array(e, m)
    return new Uint8Array(encoding.toUint8Array(e))
  }

  it('co-edits with a WebSocket peer, storing before relaying, each edit under its author', async () => {
    const doc = await createNoteRow(t.db.db, cast.hubs.hub.id, 'http1')
    const a = overHttp(doc, cast.cookies.alice)
    const b = connectClient(t.url, doc, cast.cookies.bob, { origin: t.origin })
    cleanup.push(() => b.destroy())
    await until(() => a.provider.synced && b.provider.synced, 10_000, 'sync')
    a.doc.getText('t').insert(0, 'Over HTTP from Abuja. ')
    b.doc.getText('t').insert(0, 'Über WebSocket. ')
    await until(() => a.doc.getText('t').toString() === b.doc.getText('t').toString() && a.doc.getText('t').length > 30, 10_000, 'convergence')
    const stored = await readDocState(t.db.db, doc)
    const check = new Y.Doc()
    Y.applyUpdate(check, stored!.update)
    expect(check.getText('t').toString()).toBe(a.doc.getText('t').toString())
    const users = await t.db.db.selectFrom('doc_updates').select('user_id').where('doc', '=', doc).execute()
    expect(new Set(users.map((u) => u.user_id))).toEqual(new Set([cast.ids.alice, cast.ids.bob]))
  })

  it('refuses like the socket: no session 4401, another hub or a foreign Origin 4403, unknown names 4404', async () => {
    const doc = `hub/${cast.hubs.hub.id}/brief`
    const anonymous = overHttp(doc, null)
    const outsider = overHttp(doc, cast.cookies.carol)
    const evil = overHttp(doc, cast.cookies.alice, 'http://evil.example')
    const bogus = overHttp('hub/x/../etc', cast.cookies.alice)
    await until(() => [anonymous, outsider, evil, bogus].every((c) => c.closes.length > 0), 10_000, 'refusals')
    expect(anonymous.closes[0].code).toBe(4401)
    expect(outsider.closes[0].code).toBe(4403)
    expect(evil.closes[0].code).toBe(4403)
    expect(bogus.closes[0].code).toBe(4404)
    // A refused caller reconnects no more (4xxx ends y-websocket's loop), and loaded nothing.
    expect(t.server.services.collab!.openRooms()).not.toContain(doc)
  })

  it("refuses POSTs from another Origin, without a session, or onto another person's stream", async () => {
    const doc = await createNoteRow(t.db.db, cast.hubs.hub.id, 'http2')
    const s = rawStream(doc, { cookie: cast.cookies.alice, origin: t.origin })
    await until(() => s.id() !== undefined, 10_000, 'hello')
    const query = frames(new Uint8Array([3]))
    expect((await post(doc, s.id()!, query, { cookie: cast.cookies.alice, origin: 'http://evil.example' })).status).toBe(403)
    expect((await post(doc, s.id()!, query, { cookie: cast.cookies.alice })).status).toBe(403)
    expect((await post(doc, s.id()!, query, { origin: t.origin })).status).toBe(401)
    expect((await post(doc, s.id()!, query, { cookie: cast.cookies.bob, origin: t.origin })).status).toBe(404)
    expect((await post(doc, 'no-such-stream', query, { cookie: cast.cookies.alice, origin: t.origin })).status).toBe(404)
    expect((await post(doc, s.id()!, query, { cookie: cast.cookies.alice, origin: t.origin })).status).toBe(204)
    expect(s.events.some((e) => e.type === 'close')).toBe(false)
  })

  it('applies the rate guards and the frame cap of the socket', async () => {
    const doc = await createNoteRow(t.db.db, cast.hubs.hub.id, 'http3')
    const headers = { cookie: cast.cookies.alice, origin: t.origin }
    const flood = rawStream(doc, headers)
    await until(() => flood.id() !== undefined, 10_000, 'hello')
    const many = frames(...Array.from({ length: 700 }, () => new Uint8Array([3])))
    expect((await post(doc, flood.id()!, many, headers)).status).toBe(204)
    await until(() => flood.events.some((e) => e.type === 'close'), 10_000, 'rate close')
    expect(JSON.parse(flood.events.find((e) => e.type === 'close')!.data).code).toBe(4429)

    const big = rawStream(doc, headers)
    await until(() => big.id() !== undefined, 10_000, 'hello')
    const huge = new Uint8Array(t.config.syncMaxFrameBytes + 100)
    expect((await post(doc, big.id()!, huge, headers)).status).toBe(413)
    await until(() => big.events.some((e) => e.type === 'close'), 10_000, 'size close')
    expect(JSON.parse(big.events.find((e) => e.type === 'close')!.data).code).toBe(4413)
  })
})
