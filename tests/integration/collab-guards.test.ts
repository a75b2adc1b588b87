import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createHubMember } from '../support/cast.js'
import { connectClient, rawSocket, until } from '../support/ws-client.js'
import { encodeAwarenessUpdate, encodeUpdateMessage } from '../../server/collab/protocol.js'

/** Guards are engine-independent (they run before storage): one engine keeps the suite quick. */
describe('sync guards close only the offender', () => {
  let t: TestServer
  let doc: string
  let cookie: string
  let peer: ReturnType<typeof connectClient>
  let round = 0

  beforeAll(async () => {
    t = await startTestServer('pglite', { SYNC_MAX_FRAME_BYTES: String(64 * 1024), SYNC_MAX_DOC_BYTES: String(256 * 1024) })
    const member = await createHubMember(t.db.db)
    doc = `hub/${member.hub.id}/brief`
    cookie = member.cookie
    peer = connectClient(t.url, doc, cookie, { origin: t.origin })
    await until(() => peer.provider.synced)
  })
  afterAll(async () => {
    peer?.destroy()
    await t?.close()
  })

  /** After each offence the room still works: a second well-behaved client sees the peer's edit. */
  async function roomStillWorks() {
    round++
    peer.doc.getMap('m').set('round', round)
    const check = connectClient(t.url, doc, cookie, { origin: t.origin })
    try {
      await until(() => check.provider.synced && check.doc.getMap('m').get('round') === round)
    } finally {
      check.destroy()
    }
    expect(peer.provider.wsconnected).toBe(true)
  }

  async function offend(frame: Uint8Array | string) {
    const raw = await rawSocket(t.url, doc, cookie, t.origin)
    raw.ws.send(frame)
    const closed = await raw.closed
    await roomStillWorks()
    return closed
  }

  const bytes = (...parts: ((e: encoding.Encoder) => void)[]) => {
    const e = encoding.createEncoder()
    for (const p of parts) p(e)
    return encoding.toUint8Array(e)
  }

  it('garbage frames → 4400', async () => {
    expect((await offend(new Uint8Array([0, 9, 1, 2, 3]))).code).toBe(4400)
    expect((await offend(new Uint8Array([200, 200, 200, 200, 200, 200]))).code).toBe(4400)
  })

  it('text frames and unknown message types → 4400', async () => {
    expect((await offend('hello')).code).toBe(4400)
    expect((await offend(new Uint8Array([9]))).code).toBe(4400)
  })

  it('a length prefix larger than the frame (a bomb) → 4400', async () => {
    const bomb = bytes((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint(e, 2 ** 31), (e) => encoding.writeUint8(e, 1))
    const closed = await offend(bomb)
    expect(closed.code).toBe(4400)
    expect(closed.reason).toMatch(/length/)
  })

  it('an oversized frame → 4413 with a reason', async () => {
    const closed = await offend(new Uint8Array(100 * 1024))
    expect(closed.code).toBe(4413)
    expect(closed.reason).toMatch(/larger than/)
  })

  it('an update starting past the document (far-ahead clock) → 4400, nothing stored', async () => {
    const evil = new Y.Doc()
    evil.getText('x').insert(0, 'a')
    const sv = Y.encodeStateVector(evil)
    evil.getText('x').insert(1, 'b'.repeat(10))
    const ahead = Y.encodeStateAsUpdate(evil, sv)
    const closed = await offend(encodeUpdateMessage(ahead))
    expect(closed.code).toBe(4400)
    expect(closed.reason).toMatch(/ahead/)
    expect(peer.doc.getText('x').toString()).toBe('')
  })

  it('structs under a client id another connection writes with → 4400', async () => {
    const owner = new Y.Doc()
    owner.clientID = 424242
    owner.getText('y').insert(0, 'mine')
    const first = await rawSocket(t.url, doc, cookie, t.origin)
    first.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(owner)))
    await until(() => peer.doc.getText('y').toString() === 'mine')
    const sv = Y.encodeStateVector(owner)
    owner.getText('y').insert(4, ' or not')
    const thief = await rawSocket(t.url, doc, cookie, t.origin)
    thief.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(owner, sv)))
    const closed = await thief.closed
    expect(closed.code).toBe(4400)
    expect(closed.reason).toMatch(/another connection/)
    expect(first.ws.readyState).toBe(first.ws.OPEN)
    first.ws.close()
    await roomStillWorks()
  })

  it('presence for another client id (spoof) → 4403, and the victim stays present', async () => {
    await until(() => peer.provider.awareness.getStates().size >= 1)
    const victim = peer.doc.clientID
    const clock = 1000
    const spoof = bytes((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, encodeAwarenessUpdate([{ clientId: victim, clock, state: { user: { name: 'Not me' } } }])))
    const raw = await rawSocket(t.url, doc, cookie, t.origin)
    raw.ws.send(bytes((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, encodeAwarenessUpdate([{ clientId: 777, clock: 1, state: { user: { name: 'Impostor', id: 'u-admin' } } }]))))
    await until(() => [...peer.provider.awareness.getStates().values()].some((s) => s.user?.name && s.user.name !== 'Impostor' && s.user.id !== 'u-admin' && s.user.id))
    raw.ws.send(spoof)
    const closed = await raw.closed
    expect(closed.code).toBe(4403)
    expect(peer.provider.awareness.getStates().get(victim)?.user?.name).not.toBe('Not me')
    await roomStillWorks()
  })

  it('a presence colour that is not #rrggbb never reaches another client (no url(), no CSS)', async () => {
    const raw = await rawSocket(t.url, doc, cookie, t.origin)
    const id = 4242
    const hostile = 'url(http://evil/x)'
    raw.ws.send(bytes((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, encodeAwarenessUpdate([{ clientId: id, clock: 1, state: { color: hostile, user: { name: 'Painter', color: hostile } } }]))))
    await until(() => peer.provider.awareness.getStates().has(id), 10_000, 'the raw client present')
    const seen = peer.provider.awareness.getStates().get(id)!
    expect(JSON.stringify(seen)).not.toContain('url(')
    for (const c of [seen.color, seen.user?.color]) if (c !== undefined) expect(c).toMatch(/^#[0-9a-fA-F]{6}$/)
    raw.ws.close()
    await raw.closed
  })

  it('sync requests faster than the limit → 4429', async () => {
    const raw = await rawSocket(t.url, doc, cookie, t.origin)
    const step1 = bytes((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc())))
    for (let i = 0; i < 30; i++) raw.ws.send(step1)
    expect((await raw.closed).code).toBe(4429)
    await roomStillWorks()
  })

  it('a document growing past its cap → 4414 with a reason', async () => {
    const big = new Y.Doc()
    big.getText('big').insert(0, 'x'.repeat(60 * 1024))
    const raw = await rawSocket(t.url, doc, cookie, t.origin)
    let closed: { code: number; reason: string } | null = null
    void raw.closed.then((c) => (closed = c))
    for (let i = 0; i < 6 && !closed; i++) {
      const d = new Y.Doc()
      d.getText(`big${i}`).insert(0, 'x'.repeat(60 * 1024))
      raw.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(d)))
      await new Promise((r) => setImmediate(r))
    }
    await until(() => closed !== null)
    expect(closed!.code).toBe(4414)
    await roomStillWorks()
  })
})
