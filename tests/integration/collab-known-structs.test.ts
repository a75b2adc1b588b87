import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createHubMember } from '../support/cast.js'
import { connectClient, rawSocket, until } from '../support/ws-client.js'
import { encodeUpdateMessage } from '../../server/collab/protocol.js'
import { readDocState } from '../../server/db/update-store.js'

/**
 * A peer's update may carry structs of another client the room already has (a sync step 2 computed
 * against the state vector of the handshake carries what others stored since). Re-sending known
 * structs is harmless: it must not count as claiming that client's id, nor make the server test the
 * holder and then refuse the peer — found by the fault test, where tabs of one session forwarded
 * each other's edits and were closed for good with 4400 "… which answered".
 */
describe('pglite: re-sent structs of a connected client', () => {
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
    await until(async () => {
      const s = await readDocState(t.db.db, doc)
      return s !== null && new TextDecoder().decode(s.update).includes('written by X')
    }, 10_000, 'X stored')

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
})
