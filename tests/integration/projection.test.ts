import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastHub, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { createAction, createExchange, deleteItem, updateItem } from '../../shared/log-doc.js'
import { reprojectAll } from '../../server/projection/projector.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'
import { appendUpdates } from '../../server/db/update-store.js'

const CAST = TEAM

for (const engine of ENGINES) {
  describe(`${engine}: projection, items and search`, () => {
    let t: TestServer
    let hub: CastHub
    let other: CastHub
    let cast: CastOf<typeof CAST>
    const clients: { destroy(): void }[] = []
    const api = (who: keyof typeof CAST.users | null) => client(t.url, t.origin, who ? cast.cookies[who] : null)
    const items = async (who: keyof typeof CAST.users, query = '') => (await api(who).request('GET', `/api/items${query}`)).body

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      ;({ hub, other } = cast.hubs)
    })
    afterAll(async () => {
      for (const c of clients) c.destroy()
      await t?.close()
    })

    it('projects valid, partial and malicious log entries edited through a real client, each as far as valid', async () => {
      const c = connectClient(t.url, `hub/${hub.id}/log`, cast.cookies.alice, { origin: t.origin })
      clients.push(c)
      await until(() => c.provider.synced)
      const good = createExchange(c.doc, {
        title: 'Échange sur les flux de données',
        body: 'Die Datenschutz-Grundverordnung e la protezione dei dati',
        themes: ['digital-trade.ecommerce-moratorium'],
        forums: [],
        mission: 'EU',
        authorId: cast.ids.alice,
        crossCutting: true,
      })
      const action = createAction(c.doc, { title: 'Workshop', mission: 'EU', authorId: cast.ids.alice, status: 'planned', due: '2020-01-01', themes: ['ai'] })
      // Malicious and broken entries, written around the typed helpers. The sync server refuses
      // such writes from clients now; entries stored before it did (or by an older server) are
      // written here as the server's own update, and must still be read as far as they are valid.
      await until(() => c.provider.synced)
      const legacy = new Y.Doc()
      Y.applyUpdate(legacy, Y.encodeStateAsUpdate(c.doc))
      const before = Y.encodeStateVector(legacy)
      const exchanges = legacy.getMap('exchanges')
      legacy.transact(() => {
        const bad = new Y.Map<unknown>()
        exchanges.set('bad1', bad)
        bad.set('id', 'bad1')
        bad.set('title', 'x'.repeat(50_000) + '\u0000')
        bad.set('themes', Y.Array.from(['no-such-theme', 'ai']))
        bad.set('createdAt', 'yesterday')
        bad.set('crossCutting', 'yes')
        bad.set('mission', 42)
        exchanges.set('bad2', 'not a map' as unknown as Y.Map<unknown>)
      })
      await t.server.services.collab!.applyServerUpdate(`hub/${hub.id}/log`, Y.encodeStateAsUpdate(legacy, before), null)
      legacy.destroy()
      let rows: { id: string; title: string; issues: string[]; themes: string[]; status?: string }[] = []
      await until(async () => {
        rows = await items('alice', `?hubId=${hub.id}`)
        return rows.length >= 4
      }, 10_000, 'four items projected')
      const byEntry = (e: string) => rows.find((r) => r.id.endsWith(`:${e}`))!
      expect(byEntry(good)).toMatchObject({ title: 'Échange sur les flux de données', themes: ['digital-trade.ecommerce-moratorium'], issues: [], crossCutting: true, authorName: 'Alice Example' })
      expect(byEntry(action)).toMatchObject({ kind: 'action', status: 'planned', due: '2020-01-01', themes: ['ai'] })
      const bad = byEntry('bad1')
      expect(bad.themes).toEqual(['ai'])
      expect(bad.title.length).toBeLessThanOrEqual(2_000)
      expect(bad.issues.join('; ')).toMatch(/themes: unknown no-such-theme/)
      expect(bad.issues.join('; ')).toMatch(/crossCutting/)
      expect(byEntry('bad2').issues.length).toBeGreaterThan(0)

      // Live: an edit and a deletion reach the projection. The client deletes what it has received
      // (the large legacy update may reach it after its projection: compressed on zlib's thread pool).
      await until(() => c.doc.getMap('exchanges').has('bad2'), 10_000, 'the legacy entries at the client')
      updateItem(c.doc, action, { status: 'done' })
      deleteItem(c.doc, 'bad2')
      await until(async () => {
        rows = await items('alice', `?hubId=${hub.id}`)
        return rows.length === 3 && byEntry(action).status === 'done'
      }, 10_000, 'edit and delete projected')
    })

    it('filters items: kind, theme with sub-themes, cross-cutting, status, overdue, words', async () => {
      expect((await items('alice', `?hubId=${hub.id}&kind=action`)).map((i: { title: string }) => i.title)).toEqual(['Workshop'])
      expect((await items('alice', `?theme=digital-trade`)).map((i: { title: string }) => i.title)).toEqual(['Échange sur les flux de données'])
      expect(await items('alice', `?crossCutting=true`)).toHaveLength(1)
      expect(await items('alice', `?status=done`)).toHaveLength(1)
      expect(await items('alice', `?q=protezione`)).toHaveLength(1)
      expect(await items('alice', `?q=datenschutz`)).toHaveLength(1)
      const bad = await api('alice').request('GET', '/api/items?kind=memo')
      expect(bad.status).toBe(400)
      expect(bad.body.error.message).toMatch(/^kind/)
    })

    it('answers only within the caller’s scope: other hub 403, cyber cross-cutting only, hq all', async () => {
      expect((await api('carol').request('GET', `/api/items?hubId=${hub.id}`)).status).toBe(403)
      expect(await items('carol')).toEqual([])
      const cyber = await items('cyber')
      expect(cyber.length).toBe(1)
      expect(cyber.every((i: { crossCutting: boolean }) => i.crossCutting)).toBe(true)
      expect((await items('hq')).length).toBe(3)
      const workshop = (await items('hq', '?kind=action'))[0]
      expect((await api('cyber').request('GET', `/api/items/${encodeURIComponent(workshop.id)}`)).status).toBe(403)
      expect((await api('carol').request('GET', `/api/items/${encodeURIComponent(workshop.id)}`)).status).toBe(403)
      expect((await api('hq').request('GET', `/api/items/${encodeURIComponent(workshop.id)}`)).status).toBe(200)
      expect((await api('hq').request('GET', `/api/items/${encodeURIComponent(hub.id + ':action:nope')}`)).status).toBe(404)
      expect((await api(null).request('GET', '/api/items')).status).toBe(401)
    })

    it('searches briefs, notes and items in several languages, never beyond what the caller may read', async () => {
      const brief = await buildLexicalDoc([{ type: 'p', text: 'Zusammenarbeit mit dem Ministerium für Digitales und Cybersicherheit' }])
      const otherBrief = await buildLexicalDoc([{ type: 'p', text: 'Secret Cybersicherheit plans of another hub' }])
      await appendUpdates(t.db.db, [
        { doc: `hub/${hub.id}/brief`, update: brief, userId: cast.ids.alice },
        { doc: `hub/${other.id}/brief`, update: otherBrief, userId: cast.ids.carol },
      ])
      const projection = t.server.services.projection!
      projection.schedule(`hub/${hub.id}/brief`)
      projection.schedule(`hub/${other.id}/brief`)
      await projection.flush()
      const hits = (await api('alice').request('GET', '/api/search?q=cybersich')).body
      expect(hits).toHaveLength(1)
      expect(hits[0]).toMatchObject({ kind: 'brief', docName: `hub/${hub.id}/brief`, hubId: hub.id })
      expect(hits[0].snippet).toContain('Cybersicherheit')
      expect((await api('hq').request('GET', '/api/search?q=cybersicherheit')).body).toHaveLength(2)
      expect((await api('cyber').request('GET', '/api/search?q=cybersicherheit')).body).toEqual([])
      expect((await api('alice').request('GET', '/api/search?q=données')).body.map((h: { kind: string }) => h.kind)).toEqual(['exchange'])
      expect((await api('carol').request('GET', '/api/search?q=données')).body).toEqual([])
      expect((await api('alice').request('GET', '/api/search?q=%20')).status).toBe(400)
    })

    it('rebuilds every projection from the documents, equal to the incremental result', async () => {
      const snapshot = async () => ({
        // rev_xid names the transaction that wrote the row: a rebuild writes every row again.
        items: (await t.db.db.selectFrom('items').selectAll().orderBy('id').execute()).map(({ projected_at: _, rev_xid: __, ...r }) => r),
        text: (await t.db.db.selectFrom('doc_text').selectAll().orderBy('doc').execute()).map(({ projected_at: _, ...r }) => r),
      })
      await t.server.services.projection!.flush()
      const incremental = await snapshot()
      expect(incremental.items.length).toBe(3)
      await reprojectAll(t.db.db, loadTaxonomy())
      expect(await snapshot()).toEqual(incremental)
    })
  })
}
