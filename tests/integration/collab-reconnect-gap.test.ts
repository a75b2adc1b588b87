import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createHubMember } from '../support/cast.js'
import { connectClient, rawSocket, until } from '../support/ws-client.js'
import { encodeSyncStep2, encodeUpdateMessage } from '../../server/collab/protocol.js'

/**
 * A client whose process died holds edits the database never got (they were in the dead process's
 * queue). Reconnecting elsewhere, it may send a new edit before its sync step 2: that edit starts
 * past the document. It is dropped until the step 2 brings everything, and the client stays (found
 * by tests/integration/faults.test.ts: such clients were closed for good with 4400).
 */
describe('an editor reconnecting with unstored edits', () => {
  let t: TestServer
  let doc: string
  let cookie: string

  beforeAll(async () => {
    t = await startTestServer('pglite')
    const member = await createHubMember(t.db.db)
    doc = `hub/${member.hub.id}/brief`
    cookie = member.cookie
  })
  afterAll(async () => {
    await t?.close()
  })

  it('keeps the socket and stores every edit once its sync step 2 arrives', async () => {
    const local = new Y.Doc()
    local.getText('t').insert(0, 'lost in the dead process, ')
    const before = Y.encodeStateVector(local)
    local.getText('t').insert(local.getText('t').length, 'typed while reconnecting')
    const typed = Y.encodeStateAsUpdate(local, before)

    const raw = await rawSocket(t.url, doc, cookie, t.origin)
    let closed = false
    void raw.closed.then(() => (closed = true))
    raw.ws.send(encodeUpdateMessage(typed))
    // The answer to the server's sync step 1: everything the room lacks.
    raw.ws.send(encodeSyncStep2(local, new Uint8Array([0])))
    const peer = connectClient(t.url, doc, cookie, { origin: t.origin })
    try {
      await until(() => peer.provider.synced && peer.doc.getText('t').toString() === 'lost in the dead process, typed while reconnecting', 10_000, 'both edits at a peer')
      expect(closed).toBe(false)
    } finally {
      peer.destroy()
      raw.ws.close()
    }
  })
})
