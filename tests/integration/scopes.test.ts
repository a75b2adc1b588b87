import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client, type Client } from '../support/http.js'
import { ENGINES } from '../support/engines.js'
import { createAction, createExchange, readLogItem } from '../../shared/log-doc.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'

/**
 * Sharing scopes, as a matrix of who × every door: a `hub` entry or note must leave no byte of its
 * title or text in any answer to HQ, a cyber ambassador or another hub's staff — items, one item,
 * threads, comments, search, inbox, roll-up lists, the report in every format, hub cards, notes,
 * history and sockets — while roll-up counts still include it. `network` entries reach cyber
 * ambassadors and other hubs' staff through REST, never through the log document.
 */
const CAST = defineCast({
  hubs: { a: { missions: ['DE'] }, b: {} },
  users: {
    coord: { hub: 'a', mission: 'EU', coordinator: true, name: 'Cora Coordinator' },
    anna: { hub: 'a', mission: 'DE', name: 'Anna Autor' },
    bert: { hub: 'b', mission: 'EU', name: 'Bert Other' },
    hq: { role: 'hq' },
    cyber: { role: 'cyber' },
    admin: { role: 'admin' },
  },
})

const SECRET = 'Zqx7hubonlysecret'
const SECRET_NOTE = 'Wvq3notesecret'

for (const engine of ENGINES) {
  describe(`${engine}: sharing scopes`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    const http: Record<string, Client> = {}
    const ids: Record<string, string> = {}
    let hubId: string
    const enc = encodeURIComponent
    const outsiders = ['hq', 'cyber', 'bert'] as const

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      hubId = cast.hubs.a.id
      for (const name of Object.keys(cast.cookies) as (keyof typeof cast.cookies)[]) http[name] = client(t.url, t.origin, cast.cookies[name])
      const shared = connectClient(t.url, `hub/${hubId}/log`, cast.cookies.anna, { origin: t.origin })
      const kept = connectClient(t.url, `hub/${hubId}/log/hub`, cast.cookies.anna, { origin: t.origin })
      await until(() => shared.provider.synced && kept.provider.synced, 10_000, 'both logs synced')
      const author = { mission: 'DE', authorId: cast.ids.anna }
      ids.hubExchange = createExchange(kept.doc, { ...author, title: `${SECRET} exchange`, body: `${SECRET} body`, crossCutting: true, themes: ['ai'], extra: { scope: 'hub' } })
      ids.hubAction = createAction(kept.doc, { ...author, title: `${SECRET} action`, status: 'planned', due: '2020-01-01', themes: ['ai'], extra: { scope: 'hub' } })
      ids.hqExchange = createExchange(shared.doc, { ...author, title: 'Visible to HQ', themes: ['ai'] })
      ids.netExchange = createExchange(shared.doc, { ...author, title: 'Shared with the network', themes: ['ai'], extra: { scope: 'network' } })
      await until(() => (kept.closes.length === 0 && shared.closes.length === 0 ? shared.provider.synced : true))
      expect([...kept.closes, ...shared.closes]).toEqual([])
      shared.destroy()
      kept.destroy()
      // A hub-only note with text, and an ordinary one.
      const note = await http.anna.request('POST', `/api/hubs/${hubId}/notes`, { title: `${SECRET_NOTE} title`, scope: 'hub' })
      expect(note.status).toBe(201)
      ids.hubNote = note.body.id
      await appendUpdates(t.db.db, [{ doc: note.body.docName, update: await buildLexicalDoc([{ type: 'p', text: `${SECRET_NOTE} body` }]), userId: cast.ids.anna }])
      const projection = t.server.services.projection!
      projection.schedule(note.body.docName)
      await projection.flush()
      await until(async () => (await http.anna.request('GET', `/api/items?hubId=${hubId}`)).body.length === 4, 10_000, 'four items projected')
      // A thread on the hub entry, with a mention of the cyber ambassador (who must not be told).
      const itemId = `${hubId}:exchange:${ids.hubExchange}`
      expect((await http.anna.request('POST', `/api/items/${enc(itemId)}/comments`, { body: `@${cast.emails.cyber} ${SECRET} in a comment` })).status).toBe(201)
    })
    afterAll(async () => {
      await t?.close()
    })

    const hubItem = () => `${hubId}:exchange:${ids.hubExchange}`

    it("gives the hub's staff and admins every entry, with its scope", async () => {
      for (const who of ['coord', 'anna', 'admin']) {
        const items = (await http[who].request('GET', `/api/items?hubId=${hubId}`)).body as { title: string; scope: string }[]
        expect(items.map((i) => i.scope).sort(), who).toEqual(['hq', 'hub', 'hub', 'network'])
      }
    })

    it('leaves no byte of a hub entry or note in any answer to an outsider', async () => {
      const paths = [
        '/api/items',
        `/api/items?hubId=${hubId}`,
        `/api/items?q=${SECRET}`,
        `/api/items/${enc(hubItem())}`,
        `/api/items/${enc(hubItem())}/comments`,
        `/api/items/${enc(hubItem())}/thread`,
        `/api/search?q=${SECRET}`,
        `/api/search?q=${SECRET_NOTE}`,
        '/api/inbox',
        '/api/hubs',
        `/api/hubs/${hubId}`,
        `/api/hubs/${hubId}/notes`,
        '/api/rollup?from=2019-01-01&to=2030-12-31',
        `/api/items?activeFrom=2019-01-01&activeTo=2030-12-31&hubId=${hubId}`,
        '/api/reports/progress?from=2019-01-01&to=2030-12-31&format=md',
        '/api/reports/progress?from=2019-01-01&to=2030-12-31&format=csv',
        `/api/docs/${enc(`hub/${hubId}/log`)}/versions`,
        `/api/docs/${enc(`hub/${hubId}/log`)}/deleted`,
      ]
      for (const who of outsiders) {
        for (const path of paths) {
          const res = await http[who].request('GET', path)
          expect(res.text.includes(SECRET) || res.text.includes(SECRET_NOTE), `${who} ${path}`).toBe(false)
        }
        expect((await http[who].request('GET', `/api/items/${enc(hubItem())}`)).status, who).toBe(403)
        expect((await http[who].request('POST', `/api/items/${enc(hubItem())}/comments`, { body: 'hi' })).status, who).toBe(403)
        expect((await http[who].request('GET', `/api/docs/${enc(`hub/${hubId}/log/hub`)}/versions`)).status, who).toBe(403)
        expect((await http[who].request('GET', `/api/docs/${enc(`hub/${hubId}/notes/${ids.hubNote}`)}/versions`)).status, who).toBe(403)
      }
      // PDF and DOCX are compressed: their text is checked through the same figures as Markdown.
      expect((await http.hq.request('GET', '/api/reports/progress?from=2019-01-01&to=2030-12-31&format=pdf')).status).toBe(200)
    })

    it('refuses outsiders the hub-only documents at the socket', async () => {
      for (const [who, doc] of [
        ['hq', `hub/${hubId}/log/hub`],
        ['hq', `hub/${hubId}/notes/${ids.hubNote}`],
        ['cyber', `hub/${hubId}/log/hub`],
        ['bert', `hub/${hubId}/log/hub`],
        ['bert', `hub/${hubId}/log`],
      ] as const) {
        const c = connectClient(t.url, doc, cast.cookies[who], { origin: t.origin })
        try {
          await until(() => c.closes.length > 0, 10_000, `${who} refused ${doc}`)
          expect(c.closes[0].code).toBe(4403)
          expect(c.doc.getMap('exchanges').size).toBe(0)
        } finally {
          c.destroy()
        }
      }
    })

    it('counts hub entries in the roll-up figures without naming them', async () => {
      const rollup = (await http.hq.request('GET', '/api/rollup?from=2019-01-01&to=2030-12-31')).body
      const aiCell = rollup.matrix.find((m: { hubId: string; themeId: string }) => m.hubId === hubId && m.themeId === 'ai')
      expect(aiCell).toMatchObject({ exchanges: 3, actions: 1 })
      expect(rollup.hubs.find((h: { id: string }) => h.id === hubId).hubOnly).toEqual({ exchanges: 1, actions: 1 })
      expect(rollup.overdue.map((o: { title: string }) => o.title)).not.toContain(`${SECRET} action`)
      const mine = (await http.anna.request('GET', '/api/rollup?from=2019-01-01&to=2030-12-31')).body
      expect(mine.overdue.map((o: { title: string }) => o.title)).toContain(`${SECRET} action`)
    })

    it('shares network entries with cyber ambassadors and other hubs through REST, with comments', async () => {
      const net = `${hubId}:exchange:${ids.netExchange}`
      for (const who of ['cyber', 'bert', 'hq'] as const) {
        const items = (await http[who].request('GET', '/api/items')).body as { id: string }[]
        expect(items.map((i) => i.id), who).toContain(net)
        expect((await http[who].request('POST', `/api/items/${enc(net)}/comments`, { body: `from ${who}` })).status, who).toBe(201)
        expect((await http[who].request('GET', '/api/search?q=network')).body.map((h: { itemId?: string }) => h.itemId), who).toContain(net)
      }
      const hqOnly = `${hubId}:exchange:${ids.hqExchange}`
      expect((await http.bert.request('GET', `/api/items/${enc(hqOnly)}`)).status).toBe(403)
      expect((await http.cyber.request('GET', `/api/items/${enc(hqOnly)}`)).status).toBe(403)
    })

    it('moves an entry to the hub scope live: an open HQ socket loses it at once, the move is audited', async () => {
      const item = `${hubId}:exchange:${ids.hqExchange}`
      const watcher = connectClient(t.url, `hub/${hubId}/log`, cast.cookies.hq, { origin: t.origin })
      try {
        await until(() => watcher.provider.synced && readLogItem(watcher.doc, ids.hqExchange) !== null, 10_000, 'hq sees the entry')
        // A version holding the entry while HQ could read it: after the move it must not show it either.
        await t.server.services.collab.forceVersion(`hub/${hubId}/log`, 'test: before the move')
        expect((await http.hq.request('PUT', `/api/items/${enc(item)}/scope`, { scope: 'hub' })).status).toBe(403)
        expect((await http.anna.request('PUT', `/api/items/${enc(item)}/scope`, { scope: 'nowhere' })).status).toBe(400)
        const moved = await http.anna.request('PUT', `/api/items/${enc(item)}/scope`, { scope: 'hub' })
        expect(moved.status).toBe(200)
        expect(moved.body.item).toMatchObject({ id: item, scope: 'hub', entryId: ids.hqExchange })
        await until(() => readLogItem(watcher.doc, ids.hqExchange) === null, 10_000, 'the entry leaves the HQ socket')
        expect((await http.hq.request('GET', `/api/items/${enc(item)}`)).status).toBe(403)
        // Nor does the shared log's history show it to HQ: it moved, it was not deleted.
        const log = enc(`hub/${hubId}/log`)
        await t.server.services.collab.forceVersion(`hub/${hubId}/log`, 'test: after the move')
        const versions = (await http.hq.request('GET', `/api/docs/${log}/versions`)).body as { id: number }[]
        expect(versions.length).toBeGreaterThan(1)
        for (const v of versions) {
          for (const path of [`/api/docs/${log}/versions/${v.id}`, `/api/docs/${log}/versions/${v.id}/diff`]) {
            const res = await http.hq.request('GET', path)
            expect(res.status).toBe(200)
            expect(res.text.includes(ids.hqExchange) || Buffer.from(res.body.state ?? '', 'base64').toString('latin1').includes(ids.hqExchange), path).toBe(false)
          }
        }
        expect((await http.hq.request('GET', `/api/docs/${log}/deleted`)).text).not.toContain(ids.hqExchange)
        expect((await http.anna.request('GET', `/api/docs/${log}/deleted`)).text).not.toContain(ids.hqExchange)
        const audit = await t.db.db.selectFrom('audit_events').selectAll().where('action', '=', 'item.scope_changed').where('target_id', '=', item).execute()
        expect(audit).toHaveLength(1)
        expect(audit[0]).toMatchObject({ actor_id: cast.ids.anna, hub_id: hubId })
        // And back: the same entry id, its author kept.
        expect((await http.coord.request('PUT', `/api/items/${enc(item)}/scope`, { scope: 'network' })).status).toBe(200)
        await until(() => readLogItem(watcher.doc, ids.hqExchange) !== null, 10_000, 'the entry returns')
        const back = (await http.bert.request('GET', `/api/items/${enc(item)}`)).body
        expect(back).toMatchObject({ scope: 'network', authorId: cast.ids.anna, title: 'Visible to HQ' })
      } finally {
        watcher.destroy()
      }
    })

    it('closes an open HQ socket on a note that becomes hub-only', async () => {
      const created = await http.anna.request('POST', `/api/hubs/${hubId}/notes`, { title: 'Open minutes' })
      const c = connectClient(t.url, created.body.docName, cast.cookies.hq, { origin: t.origin })
      try {
        await until(() => c.provider.synced, 10_000, 'hq opened the note')
        expect((await http.anna.request('PATCH', `/api/hubs/${hubId}/notes/${created.body.id}`, { scope: 'hub' })).status).toBe(200)
        await until(() => c.closes.length > 0, 10_000, 'the socket closed')
        expect(c.closes[0].code).toBe(4403)
        const list = (await http.hq.request('GET', `/api/hubs/${hubId}/notes`)).body as { id: string }[]
        expect(list.map((n) => n.id)).not.toContain(created.body.id)
        const mine = (await http.anna.request('GET', `/api/hubs/${hubId}/notes`)).body as { id: string; scope: string }[]
        expect(mine.find((n) => n.id === created.body.id)?.scope).toBe('hub')
      } finally {
        c.destroy()
      }
    })
  })
}
