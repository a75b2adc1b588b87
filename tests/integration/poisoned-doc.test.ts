import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createHub, createUser, sessionCookie } from '../support/factories.js'
import { connectClient, until } from '../support/ws-client.js'
import { client, type Client } from '../support/http.js'
import { ENGINES } from '../support/engines.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { buildLexicalDoc, lexicalDocToText } from '../../server/editor/headless.js'

/**
 * A note stored before the sync server checked node types (or written by an older server) holds a
 * node of a type the editor does not register. Lexical cannot read such a document at all, so
 * before this was handled the note read as empty, its projection failed over and over, and even
 * restoring an older version failed. Everything that reads it must keep working.
 */
for (const engine of ENGINES) {
  describe(`${engine}: a document holding a node the editor cannot read`, () => {
    let t: TestServer
    let hub: { id: string }
    let alice: Client
    let aliceCookie: string
    let noteDoc: string
    let goodVersion: number
    const enc = encodeURIComponent

    beforeAll(async () => {
      t = await startTestServer(engine, {}, { idleUnloadMs: 200 })
      hub = await createHub(t.db.db)
      const u = await createUser(t.db.db, { hubId: hub.id, mission: 'EU' })
      aliceCookie = await sessionCookie(t.db.db, u.id)
      alice = client(t.url, t.origin, aliceCookie)
      const created = await alice.request('POST', `/api/hubs/${hub.id}/notes`, { title: 'Minutes' })
      noteDoc = created.body.docName
      // A good state, kept as a version, then the poison stored behind the door's back.
      const good = await buildLexicalDoc([{ type: 'h1', text: 'Minutes' }, { type: 'p', text: 'Agreed: joint statement.' }])
      await appendUpdates(t.db.db, [{ doc: noteDoc, update: good, userId: u.id }])
      goodVersion = await t.server.services.collab!.forceVersion(noteDoc, 'test: good state')
      // Stored while no room holds the document, as an older server would have left it.
      await until(() => !t.server.services.collab!.openRooms().includes(noteDoc), 10_000, 'the room unloaded')
      const doc = new Y.Doc()
      Y.applyUpdate(doc, good)
      const before = Y.encodeStateVector(doc)
      doc.transact(() => {
        const root = doc.get('root', Y.XmlText) as Y.XmlText
        const node = new Y.XmlText()
        root.insertEmbed(root.length, node)
        node.setAttribute('__type', 'script')
        node.insert(0, 'alert(1)')
      })
      await appendUpdates(t.db.db, [{ doc: noteDoc, update: Y.encodeStateAsUpdate(doc, before), userId: u.id }])
      doc.destroy()
    })
    afterAll(async () => {
      await t?.close()
    })

    it('is projected as far as readable, so search finds its text', async () => {
      const projection = t.server.services.projection!
      projection.schedule(noteDoc)
      await projection.flush()
      expect(projection.failing().has(noteDoc)).toBe(false)
      const hits = (await alice.request('GET', '/api/search?q=joint')).body
      expect(hits.map((h: { docName?: string }) => h.docName)).toContain(noteDoc)
    })

    it('previews and diffs its versions from their own state', async () => {
      const versions = (await alice.request('GET', `/api/docs/${enc(noteDoc)}/versions`)).body
      expect(versions.length).toBeGreaterThan(0)
      const preview = await alice.request('GET', `/api/docs/${enc(noteDoc)}/versions/${goodVersion}`)
      expect(preview.status).toBe(200)
      expect(preview.body.text).toContain('Agreed: joint statement.')
      expect((await alice.request('GET', `/api/docs/${enc(noteDoc)}/versions/${goodVersion}/diff`)).status).toBe(200)
    })

    it('opens readable for a client: the server sets the node aside, keeping the state before as a version', async () => {
      const c = connectClient(t.url, noteDoc, aliceCookie, { origin: t.origin })
      try {
        await until(() => c.provider.synced, 10_000, 'synced')
        await until(async () => (await lexicalDocToText(Y.encodeStateAsUpdate(c.doc))).includes('Agreed'), 10_000, 'readable text')
        const root = c.doc.get('root', Y.XmlText) as Y.XmlText
        const types = (root.toDelta() as { insert: unknown }[])
          .map((op) => op.insert)
          .filter((i): i is Y.XmlText => i instanceof Y.XmlText)
          .map((n) => n.getAttribute('__type'))
        expect(types).not.toContain('script')
        const reasons = (await t.db.db.selectFrom('doc_versions').select('reason').where('doc', '=', noteDoc).execute()).map((r) => r.reason)
        expect(reasons).toContain('kept before setting aside content the editor cannot read')
        expect(c.closes).toEqual([])
      } finally {
        c.destroy()
      }
    })

    it('restores an older version', async () => {
      const restored = await alice.request('POST', `/api/docs/${enc(noteDoc)}/versions/${goodVersion}/restore`)
      expect(restored.status).toBe(200)
      const text = await lexicalDocToText(await t.server.services.collab!.currentState(noteDoc))
      expect(text).toBe('Minutes\nAgreed: joint statement.')
    })
  })
}
