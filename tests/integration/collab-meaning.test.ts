import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createHub, createUser, sessionCookie } from '../support/factories.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { ENGINES } from '../support/engines.js'
import { createAction, createExchange, readLogItem, updateItem } from '../../shared/log-doc.js'
import { readDocState } from '../../server/db/update-store.js'
import { lexicalDocToText } from '../../server/editor/headless.js'

/**
 * The sync server decides what an update means before storing it: who wrote an entry, for which
 * mission, when, the fields only the server writes, and the node types a Lexical document may hold.
 * Each refusal closes the offending socket with 4422 naming the field; nothing of it is stored,
 * relayed or projected, and every other connection carries on.
 */
for (const engine of ENGINES) {
  describe(`${engine}: what an update means is the server's to decide`, () => {
    let t: TestServer
    let hub: { id: string }
    const ids: Record<string, string> = {}
    const cookies: Record<string, string> = {}
    let watcher: ReturnType<typeof connectClient>
    const logDoc = () => `hub/${hub.id}/log`

    beforeAll(async () => {
      t = await startTestServer(engine)
      hub = await createHub(t.db.db, { missions: ['DE'] })
      for (const [name, opts] of Object.entries({
        coord: { hubId: hub.id, mission: 'EU', name: 'Cora Coordinator', coordinator: true },
        bob: { hubId: hub.id, mission: 'DE', name: 'Bob Beispiel' },
      })) {
        const u = await createUser(t.db.db, opts)
        ids[name] = u.id
        cookies[name] = await sessionCookie(t.db.db, u.id)
      }
      watcher = connectClient(t.url, logDoc(), cookies.coord, { origin: t.origin })
      await until(() => watcher.provider.synced)
    })
    afterAll(async () => {
      watcher?.destroy()
      await t?.close()
    })

    /** Bob's client, synced with the log. */
    async function bob(doc = logDoc()) {
      const c = connectClient(t.url, doc, cookies.bob, { origin: t.origin })
      await until(() => c.provider.synced, 10_000, 'bob synced')
      return c
    }

    /** Runs an edit on a fresh client and expects its socket closed with 4422 naming `field`. */
    async function refused(field: string, edit: (doc: Y.Doc) => string | void, docName = logDoc()) {
      const c = await bob(docName)
      try {
        const before = await storedState(docName)
        const marker = edit(c.doc)
        await until(() => c.closes.length > 0, 10_000, 'the socket closed')
        expect(c.closes[0].code).toBe(4422)
        expect(c.closes[0].reason).toContain(field)
        // 4422 is in the range that stops y-websocket's reconnect loop: the client tells the person.
        expect(c.provider.shouldConnect).toBe(false)
        expect(await storedState(docName)).toEqual(before)
        if (marker) {
          expect(readLogItem(watcher.doc, marker)).toBeNull()
        }
      } finally {
        c.destroy()
      }
      await stillWorks()
    }

    async function storedState(docName: string) {
      const stored = await readDocState(t.db.db, docName)
      return stored ? Buffer.from(stored.update).toString('base64') : null
    }

    /** The room carries on: an honest edit by someone else goes through and is seen live. */
    async function stillWorks() {
      const c = await bob()
      try {
        const id = createExchange(c.doc, { title: 'still works', mission: 'DE', authorId: ids.bob })
        await until(() => readLogItem(watcher.doc, id) !== null, 10_000, 'the honest edit relayed')
        expect(c.closes).toEqual([])
      } finally {
        c.destroy()
      }
    }

    it('accepts the honest client: own author and mission, status changes recorded by the server', async () => {
      const c = await bob()
      try {
        const id = createAction(c.doc, { title: 'Joint 5G event', mission: 'DE', authorId: ids.bob, status: 'planned' })
        await until(() => readLogItem(watcher.doc, id) !== null, 10_000, 'the action relayed')
        updateItem(c.doc, id, { status: 'in_progress', title: 'Joint 5G event (renamed)' })
        await until(() => {
          const history = (c.doc.getMap('actions').get(id) as Y.Map<unknown>).get('statusHistory')
          return history instanceof Y.Array && history.length === 1
        }, 10_000, 'the server records the status change')
        const [change] = ((c.doc.getMap('actions').get(id) as Y.Map<unknown>).get('statusHistory') as Y.Array<Record<string, unknown>>).toArray()
        expect(change).toMatchObject({ by: ids.bob, from: 'planned', to: 'in_progress' })
        expect(Math.abs(Date.parse(change.at as string) - Date.now())).toBeLessThan(60_000)
        expect(c.closes).toEqual([])
        const origin = await t.db.db.selectFrom('entry_origins').selectAll().where('item_id', '=', `${hub.id}:action:${id}`).executeTakeFirst()
        expect(origin).toMatchObject({ user_id: ids.bob, mission: 'DE', source: 'stored' })
      } finally {
        c.destroy()
      }
    })

    it('refuses a new entry written as someone else', async () => {
      await refused('authorId', (doc) => createExchange(doc, { title: 'Forged', mission: 'DE', authorId: ids.coord }))
    })

    it('refuses a new entry for another mission', async () => {
      await refused('mission', (doc) => createExchange(doc, { title: 'For the EU', mission: 'EU', authorId: ids.bob }))
    })

    it('refuses a new entry without author', async () => {
      await refused('authorId', (doc) => {
        const entry = new Y.Map<unknown>()
        doc.transact(() => {
          doc.getMap('exchanges').set('ex-anonymous', entry)
          entry.set('title', 'Who wrote this?')
          entry.set('mission', 'DE')
        })
        return 'ex-anonymous'
      })
    })

    it('refuses a new entry dated more than 5 minutes ahead', async () => {
      const future = new Date(Date.now() + 3_600_000).toISOString()
      await refused('createdAt', (doc) => createExchange(doc, { title: 'From tomorrow', mission: 'DE', authorId: ids.bob, createdAt: future }))
    })

    it("refuses a change of an existing entry's author, mission or date", async () => {
      const honest = await bob()
      const id = createExchange(honest.doc, { title: 'Mine', mission: 'DE', authorId: ids.bob })
      await until(() => readLogItem(watcher.doc, id) !== null)
      honest.destroy()
      const entry = (doc: Y.Doc) => doc.getMap('exchanges').get(id) as Y.Map<unknown>
      await refused('authorId', (doc) => void entry(doc).set('authorId', ids.coord))
      await refused('mission', (doc) => void entry(doc).set('mission', 'EU'))
      await refused('createdAt', (doc) => void entry(doc).set('createdAt', '2020-01-01T00:00:00.000Z'))
      await refused('authorId', (doc) => void entry(doc).delete('authorId'))
      expect(readLogItem(watcher.doc, id)).toMatchObject({ authorId: ids.bob, mission: 'DE' })
    })

    it('refuses client writes of the fields only the server writes', async () => {
      const honest = await bob()
      const id = createExchange(honest.doc, { title: 'Cross-cutting', mission: 'DE', authorId: ids.bob, crossCutting: true })
      await until(() => readLogItem(watcher.doc, id) !== null)
      honest.destroy()
      await refused('inputStatus', (doc) => void updateItem(doc, id, { inputStatus: 'input_provided' }))
      await refused('inputProvidedAt', (doc) => void (doc.getMap('exchanges').get(id) as Y.Map<unknown>).set('inputProvidedAt', new Date().toISOString()))
      await refused('statusHistory', (doc) => void (doc.getMap('exchanges').get(id) as Y.Map<unknown>).set('statusHistory', Y.Array.from([{ to: 'done' }])))
      await refused('updatedBy', (doc) => void (doc.getMap('exchanges').get(id) as Y.Map<unknown>).set('updatedBy', ids.coord))
      // In a new entry too.
      await refused('inputStatus', (doc) => createExchange(doc, { title: 'Pre-answered', mission: 'DE', authorId: ids.bob, extra: { inputStatus: 'input_provided' } }))
    })

    it('refuses a node type the editor does not register, and the brief stays readable', async () => {
      const brief = `hub/${hub.id}/brief`
      await refused('__type', (doc) => {
        doc.transact(() => {
          const root = doc.get('root', Y.XmlText) as Y.XmlText
          const node = new Y.XmlText()
          root.insertEmbed(0, node)
          node.setAttribute('__type', 'script')
          node.insert(0, 'alert(1)')
        })
      }, brief)
      await refused('__type', (doc) => {
        doc.transact(() => {
          const root = doc.get('root', Y.XmlText) as Y.XmlText
          root.insertEmbed(0, new Y.XmlText())
        })
      }, brief)
      const stored = await readDocState(t.db.db, brief)
      if (stored) await expect(lexicalDocToText(stored.update)).resolves.toBeTypeOf('string')
    })

    it('shows the real author everywhere even when the document names another (written before the checks)', async () => {
      const c = await bob()
      const id = createExchange(c.doc, { title: 'Rewritten later', mission: 'DE', authorId: ids.bob })
      await until(() => readLogItem(watcher.doc, id) !== null)
      c.destroy()
      // The forgery as an older server stored it: the document now names the coordinator.
      const forged = new Y.Doc()
      Y.applyUpdate(forged, Y.encodeStateAsUpdate(watcher.doc))
      const before = Y.encodeStateVector(forged)
      const entry = forged.getMap('exchanges').get(id) as Y.Map<unknown>
      forged.transact(() => {
        entry.set('authorId', ids.coord)
        entry.set('mission', 'EU')
      })
      await t.server.services.collab.applyServerUpdate(logDoc(), Y.encodeStateAsUpdate(forged, before), null)
      forged.destroy()
      const http = client(t.url, t.origin, cookies.coord)
      let item: { authorId: string; authorName: string; mission: string; issues: string[] } | undefined
      await until(async () => {
        item = (await http.request('GET', `/api/items?hubId=${hub.id}&q=Rewritten`)).body[0]
        return !!item && item.issues.length > 0
      }, 10_000, 'the forged entry projected')
      expect(item).toMatchObject({ authorId: ids.bob, authorName: 'Bob Beispiel', mission: 'DE' })
      expect(item!.issues.join(' ')).toMatch(/author/)
      const report = await client(t.url, t.origin, cookies.coord).request('GET', `/api/items/${encodeURIComponent(`${hub.id}:exchange:${id}`)}`)
      expect(report.body).toMatchObject({ authorId: ids.bob, mission: 'DE' })
    })

    it('projects the author and mission the server recorded', async () => {
      const c = await bob()
      createExchange(c.doc, { title: 'Attributed', mission: 'DE', authorId: ids.bob })
      const http = client(t.url, t.origin, cookies.coord)
      let item: { authorId: string; authorName: string; mission: string } | undefined
      await until(async () => {
        item = (await http.request('GET', `/api/items?hubId=${hub.id}&q=Attributed`)).body[0]
        return !!item
      }, 10_000, 'the item projected')
      expect(item).toMatchObject({ authorId: ids.bob, authorName: 'Bob Beispiel', mission: 'DE' })
      c.destroy()
    })
  })
}
