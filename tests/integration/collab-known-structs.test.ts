import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../support/test-server.js'
import * as encoding from 'lib0/encoding'
import { createHubMember } from '../support/cast.js'
import { connectClient, rawSocket, until } from '../support/ws-client.js'
import { encodeAwarenessUpdate, encodeUpdateMessage } from '../../server/collab/protocol.js'
import { readDocState } from '../../server/db/update-store.js'

const stored = async (t: TestServer, doc: string, text: string) => {
  const s = await readDocState(t.db.db, doc)
  return s !== null && new TextDecoder().decode(s.update).includes(text)
}

/**
 * A peer's update may carry structs of another client the room already has (a sync step 2 computed
 * against the state vector of the handshake carries what others stored since). Re-sending known
 * structs is harmless: it must not count as claiming that client's id, nor make the server test the
 * holder and then refuse the peer — found by the fault test, where tabs of one session forwarded
 * each other's edits and were closed for good with 4400 "… which answered".
 */
describe('pglite: re-sent and forwarded structs of another client', () => {
  let t: TestServer
  let doc: string
  let cookie: string
  beforeAll(async () => {
    t = await startTestServer('pglite')
    const member = await createHubMember(t.db.db)
    doc = `hub/${member.hub.id}/brief`
    cookie = member.cookie
  })
  afterAll(() => t?.close())

  it('stores the peer’s own edit and keeps it connected, the holder untouched', async () => {
    const x = connectClient(t.url, doc, cookie, { origin: t.origin })
    await until(() => x.provider.synced, 10_000, 'x synced')
    x.doc.getText('t').insert(0, 'written by X. ')
    await until(() => stored(t, doc, 'written by X'), 10_000, 'X stored')

    // Another tab of the same session: it holds X's edit (received earlier) and adds its own,
    // sending both in one update.
    const tab = new Y.Doc()
    Y.applyUpdate(tab, Y.encodeStateAsUpdate(x.doc))
    tab.getText('t').insert(0, 'and by the other tab. ')
    const raw = await rawSocket(t.url, doc, cookie, t.origin)
    let closed: { code: number; reason: string } | null = null
    void raw.closed.then((c) => (closed = c))
    try {
      raw.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(tab)))
      await until(() => x.doc.getText('t').toString().includes('and by the other tab.'), 10_000, 'the tab’s edit at X')
      // And the tab goes on editing: its next edit is stored and relayed too, the socket still open.
      const before = Y.encodeStateVector(tab)
      tab.getText('t').insert(0, 'Later, again. ')
      raw.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(tab, before)))
      await until(() => x.doc.getText('t').toString().includes('Later, again.') || closed !== null, 10_000, 'the next edit at X')
      expect(closed).toBeNull()
      expect(x.doc.getText('t').toString()).toContain('Later, again.')
      expect(x.closes).toEqual([])
    } finally {
      raw.ws.close()
      x.destroy()
    }
  })

  /**
   * A tab may be first to bring this process another tab's edits: it received them through another
   * process (since killed) whose copy this room never saw. Forwarding structs makes no one their
   * author: the author, reconnecting here, must go on writing under its own client id. Found by the
   * 300-client soak: 28 clients refused for good with 4400 "client id … belongs to another
   * connection, which answered" — the forwarding tab of the same session answered the ping.
   */
  it('the author’s next edit is stored, and neither tab is closed', async () => {
    // The author's edit, made while it was connected elsewhere; the forwarding tab holds it too.
    const author = new Y.Doc()
    author.getText('t').insert(0, 'written by the author. ')
    const tabDoc = new Y.Doc()
    Y.applyUpdate(tabDoc, Y.encodeStateAsUpdate(author))
    const tab = connectClient(t.url, doc, cookie, { origin: t.origin, doc: tabDoc })
    await until(() => tab.provider.synced, 10_000, 'tab synced')
    await until(() => stored(t, doc, 'written by the author'), 10_000, 'the forwarded edit stored')

    const a = connectClient(t.url, doc, cookie, { origin: t.origin, doc: author })
    try {
      await until(() => a.provider.synced, 10_000, 'author synced')
      author.getText('t').insert(0, 'Then more by the author. ')
      await until(() => tabDoc.getText('t').toString().includes('Then more by the author.') || a.closes.length > 0, 10_000, 'the author’s edit at the tab')
      expect(a.closes).toEqual([])
      expect(tab.closes).toEqual([])
      await until(() => stored(t, doc, 'Then more by the author'), 10_000, 'the author’s edit stored')
    } finally {
      a.destroy()
      tab.destroy()
    }
  })

  it('a tab speaking for its own presence id still may not write new structs under a connected author’s id', async () => {
    const author = connectClient(t.url, doc, cookie, { origin: t.origin })
    await until(() => author.provider.synced, 10_000, 'author synced')
    author.doc.getText('t').insert(0, 'the author’s own. ')
    await until(() => stored(t, doc, 'the author’s own'), 10_000, 'the author’s edit stored')
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(author.doc))
    // After the copy: a Y.Doc that receives structs of its own id draws a new one.
    forged.clientID = author.doc.clientID
    const sv = Y.encodeStateVector(forged)
    forged.getText('t').insert(0, 'Forged. ')
    const thief = await rawSocket(t.url, doc, cookie, t.origin)
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate([{ clientId: 31337, clock: 1, state: { user: { name: 'Thief' } } }]))
    thief.ws.send(encoding.toUint8Array(e))
    thief.ws.send(encodeUpdateMessage(Y.encodeStateAsUpdate(forged, sv)))
    try {
      const closed = await thief.closed
      expect(closed.code).toBe(4400)
      expect(closed.reason).toMatch(/another connection/)
      expect(await stored(t, doc, 'Forged.')).toBe(false)
      expect(author.closes).toEqual([])
    } finally {
      author.destroy()
    }
  })
})
