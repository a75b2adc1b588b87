import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createHub, createUser, sessionCookie } from '../support/factories.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { ENGINES } from '../support/engines.js'
import { createAction, createExchange, readLogItem, updateItem } from '../../shared/log-doc.js'
import { TaxonomyView } from '../../shared/schemas/taxonomy.js'

/**
 * Structured records: the new fields round-trip through the log, the projection and
 * the API; bad values are flagged and never stop the projection; only the hub's coordinators
 * reopen a closed action or escalate a cross-cutting item (4422 naming the field otherwise);
 * several roles per person read as the union; Global Gateway projects are the admins' to edit.
 */
for (const engine of ENGINES) {
  describe(`${engine}: structured records`, () => {
    let t: TestServer
    let hub: { id: string }
    let other: { id: string }
    const ids: Record<string, string> = {}
    const cookies: Record<string, string> = {}
    const logDoc = () => `hub/${hub.id}/log`
    type ItemBody = Record<string, unknown> & { issues: string[]; id: string }

    beforeAll(async () => {
      t = await startTestServer(engine)
      hub = await createHub(t.db.db, { missions: ['DE'] })
      other = await createHub(t.db.db, { missions: ['FR'] })
      const people = {
        coord: { hubId: hub.id, mission: 'EU', name: 'Cora Coordinator', coordinator: true },
        bob: { hubId: hub.id, mission: 'DE', name: 'Bob Beispiel' },
        far: { hubId: other.id, mission: 'FR', name: 'Fanny Exemple' },
        admin: { role: 'admin' as const, name: 'Ada Admin' },
        dual: { role: 'cyber' as const, name: 'Dora Dual' },
      }
      for (const [name, opts] of Object.entries(people)) {
        const u = await createUser(t.db.db, opts)
        ids[name] = u.id
        cookies[name] = await sessionCookie(t.db.db, u.id)
      }
      const admin = client(t.url, t.origin, cookies.admin)
      const created = await admin.request('POST', '/api/gg-projects', { id: 'gg-test-cable', name: 'Test cable study', countries: ['NG'], stage: 'preparation', contributors: ['DE', 'EIB'] })
      expect(created.status).toBe(201)
    })
    afterAll(() => t?.close())

    const api = (who: string) => client(t.url, t.origin, cookies[who])
    async function synced(who: string) {
      const c = connectClient(t.url, logDoc(), cookies[who], { origin: t.origin })
      await until(() => c.provider.synced, 10_000, `${who} synced`)
      return c
    }
    async function projected(itemId: string, ok: (i: ItemBody) => boolean = () => true): Promise<ItemBody> {
      let item: ItemBody | undefined
      await until(async () => {
        const res = await api('coord').request('GET', `/api/items/${encodeURIComponent(itemId)}`)
        item = res.status === 200 ? (res.body as ItemBody) : undefined
        return !!item && ok(item)
      }, 10_000, `${itemId} projected`)
      return item!
    }
    async function closedWith(c: ReturnType<typeof connectClient>, field: string) {
      await until(() => c.closes.length > 0, 10_000, 'the socket closed')
      expect(c.closes[0].code).toBe(4422)
      expect(c.closes[0].reason).toContain(field)
    }

    it('round-trips the new fields through the log, the projection and the API; an action from an exchange, done with an outcome', async () => {
      const c = await synced('bob')
      try {
        const ex = createExchange(c.doc, {
          title: 'Call with the ministry on data flows', mission: 'DE', authorId: ids.bob, themes: ['dpi'],
          exchangeType: 'partner_gov_contact', counterparts: ['government', 'industry'], missions: ['DE', 'EU'], partnership: 'dep-nigeria',
        })
        const ac = createAction(c.doc, {
          title: 'Follow up with a Team Europe offer', mission: 'DE', authorId: ids.bob, themes: ['dpi'], forums: ['igf'],
          actionKind: 'tech_business_offer', owner: ids.coord, partnership: 'dep-nigeria', ggProject: 'gg-test-cable', sourceExchange: ex,
        })
        const exItem = await projected(`${hub.id}:exchange:${ex}`)
        expect(exItem).toMatchObject({ exchangeType: 'partner_gov_contact', counterparts: ['government', 'industry'], missions: ['DE', 'EU'], partnership: 'dep-nigeria', issues: [] })
        const acItem = await projected(`${hub.id}:action:${ac}`)
        expect(acItem).toMatchObject({ actionKind: 'tech_business_offer', owner: ids.coord, forums: ['igf'], partnership: 'dep-nigeria', ggProject: 'gg-test-cable', sourceExchange: ex, issues: [] })
        // Done with an outcome: the server writes the timeline.
        updateItem(c.doc, ac, { status: 'done', outcome: 'Two EU firms met the ministry' })
        const done = await projected(`${hub.id}:action:${ac}`, (i) => i.status === 'done')
        expect(done).toMatchObject({ outcome: 'Two EU firms met the ministry', issues: [] })
        await until(() => (readLogItem(c.doc, ac) as { statusHistory: unknown[] }).statusHistory.length === 1, 10_000, 'timeline written')
        expect((readLogItem(c.doc, ac) as { statusHistory: unknown[] }).statusHistory[0]).toMatchObject({ by: ids.bob, from: 'planned', to: 'done' })
        // Filters of the feed and drill-downs.
        const byType = await api('coord').request('GET', `/api/items?hubId=${hub.id}&exchangeType=partner_gov_contact&counterpart=industry`)
        expect(byType.body.map((i: ItemBody) => i.id)).toEqual([exItem.id])
        // The reference pages list the records across the hubs the reader may see.
        const page = await api('coord').request('GET', '/api/gg-projects/gg-test-cable')
        expect(page.status).toBe(200)
        expect(page.body.items.map((i: ItemBody) => i.id)).toEqual([acItem.id])
        const partnership = await api('coord').request('GET', '/api/partnerships/dep-nigeria')
        expect(partnership.body.items.map((i: ItemBody) => i.id).sort()).toEqual([acItem.id, exItem.id].sort())
        expect((await api('far').request('GET', '/api/partnerships/dep-nigeria')).body.items).toEqual([])
        expect((await api('far').request('GET', '/api/partnerships/no-such')).status).toBe(404)
      } finally {
        c.destroy()
      }
    })

    it('flags bad values (unknown kind, owner of another hub, unknown partnership, done without outcome) and projects the rest', async () => {
      const c = await synced('bob')
      try {
        const ac = createAction(c.doc, { title: 'Badly filled', mission: 'DE', authorId: ids.bob, owner: ids.far, partnership: 'nowhere', ggProject: 'gg-none' })
        const entry = c.doc.getMap('actions').get(ac) as Y.Map<unknown>
        entry.set('kind', 'teleportation')
        const good = createExchange(c.doc, { title: 'Well filled', mission: 'DE', authorId: ids.bob, exchangeType: 'hub_meeting' })
        const item = await projected(`${hub.id}:action:${ac}`, (i) => i.issues.length >= 4)
        expect(item.issues).toEqual(expect.arrayContaining(['kind: invalid', 'owner: not a member of this hub', 'partnership: unknown nowhere', 'ggProject: unknown gg-none']))
        expect(item).toMatchObject({ actionKind: null, owner: null, partnership: null, ggProject: null, title: 'Badly filled' })
        expect(await projected(`${hub.id}:exchange:${good}`)).toMatchObject({ exchangeType: 'hub_meeting', issues: [] })
        updateItem(c.doc, ac, { status: 'dropped' })
        const dropped = await projected(`${hub.id}:action:${ac}`, (i) => i.status === 'dropped')
        expect(dropped.issues).toContain('dropReason: missing (the action is dropped)')
      } finally {
        c.destroy()
      }
    })

    it('a staff member cannot reopen a done action; the coordinator can, and the timeline says who', async () => {
      const c = await synced('bob')
      const ac = createAction(c.doc, { title: 'Closed deal', mission: 'DE', authorId: ids.bob })
      updateItem(c.doc, ac, { status: 'done', outcome: 'Signed' })
      await projected(`${hub.id}:action:${ac}`, (i) => i.status === 'done')
      updateItem(c.doc, ac, { status: 'in_progress' })
      await closedWith(c, 'status')
      c.destroy()
      expect((await projected(`${hub.id}:action:${ac}`)).status).toBe('done')
      const coord = await synced('coord')
      try {
        updateItem(coord.doc, ac, { status: 'in_progress' })
        await projected(`${hub.id}:action:${ac}`, (i) => i.status === 'in_progress')
        await until(() => (readLogItem(coord.doc, ac) as { statusHistory: unknown[] }).statusHistory.length === 2, 10_000, 'reopening recorded')
        expect((readLogItem(coord.doc, ac) as { statusHistory: unknown[] }).statusHistory[1]).toMatchObject({ by: ids.coord, from: 'done', to: 'in_progress' })
        expect(coord.closes).toEqual([])
      } finally {
        coord.destroy()
      }
    })

    it('escalation: refused from staff (4422), accepted from the coordinator, shown on items and counted in the roll-up', async () => {
      const c = await synced('bob')
      const cc = createExchange(c.doc, { title: 'Spyware sales to the region', mission: 'DE', authorId: ids.bob, crossCutting: true, escalation: 'none' })
      await projected(`${hub.id}:exchange:${cc}`)
      updateItem(c.doc, cc, { escalation: 'psc' })
      await closedWith(c, 'escalation')
      c.destroy()
      const bob2 = await synced('bob')
      createExchange(bob2.doc, { title: 'Escalated at birth', mission: 'DE', authorId: ids.bob, crossCutting: true, escalation: 'psc' })
      await closedWith(bob2, 'escalation')
      bob2.destroy()
      expect((await projected(`${hub.id}:exchange:${cc}`)).escalation).toBe('none')
      const coord = await synced('coord')
      try {
        updateItem(coord.doc, cc, { escalation: 'psc' })
        await projected(`${hub.id}:exchange:${cc}`, (i) => i.escalation === 'psc')
        expect(coord.closes).toEqual([])
      } finally {
        coord.destroy()
      }
      const day = new Date().toISOString().slice(0, 10)
      const rollup = await api('admin').request('GET', `/api/rollup?from=${day}&to=${day}`)
      expect(rollup.body.records.escalation.psc).toBe(1)
      expect((await api('admin').request('GET', '/api/items?escalation=psc')).body.map((i: ItemBody) => i.id)).toEqual([`${hub.id}:exchange:${cc}`])
    })

    it('several roles: the admin grants them, /api/me lists them, what the person sees is the union', async () => {
      const me = api('dual')
      const cyberOnly = await me.request('GET', `/api/items?kind=action`)
      expect(cyberOnly.body).toEqual([])
      expect((await api('coord').request('PATCH', `/api/admin/users/${ids.dual}`, { roles: ['cyber', 'hq'] })).status).toBe(403)
      const granted = await api('admin').request('PATCH', `/api/admin/users/${ids.dual}`, { roles: ['cyber', 'hq'] })
      expect(granted.status).toBe(200)
      expect(granted.body).toMatchObject({ role: 'cyber', roles: ['cyber', 'hq'] })
      // Sessions survive a role change (sockets close); the next request reads the new roles.
      const again = client(t.url, t.origin, await sessionCookie(t.db.db, ids.dual))
      expect((await again.request('GET', '/api/me')).body).toMatchObject({ role: 'cyber', roles: ['cyber', 'hq'] })
      const union = await again.request('GET', `/api/items?kind=action&hubId=${hub.id}`)
      expect(union.body.length).toBeGreaterThan(0)
      const users = await api('admin').request('GET', '/api/admin/users')
      expect(users.body.find((u: { id: string }) => u.id === ids.dual)).toMatchObject({ roles: ['cyber', 'hq'] })
      expect((await api('admin').request('PATCH', `/api/admin/users/${ids.dual}`, { roles: ['wizard'] })).status).toBe(400)
    })

    it('Global Gateway projects: admins add and edit them, others may not; the taxonomy lists them with the partnerships', async () => {
      expect((await api('bob').request('POST', '/api/gg-projects', { id: 'gg-mine', name: 'Mine' })).status).toBe(403)
      expect((await api('admin').request('POST', '/api/gg-projects', { id: 'gg-test-cable', name: 'Again' })).status).toBe(409)
      expect((await api('admin').request('POST', '/api/gg-projects', { id: 'Bad Id', name: 'x' })).status).toBe(400)
      const edited = await api('admin').request('PATCH', '/api/gg-projects/gg-test-cable', { stage: 'implementation', contributors: ['DE', 'FR', 'EIB'] })
      expect(edited.body).toMatchObject({ id: 'gg-test-cable', name: 'Test cable study', stage: 'implementation', contributors: ['DE', 'FR', 'EIB'] })
      expect((await api('bob').request('PATCH', '/api/gg-projects/gg-test-cable', { name: 'Hijacked' })).status).toBe(403)
      expect((await api('admin').request('PATCH', '/api/gg-projects/gg-nope', { name: 'x' })).status).toBe(404)
      const taxonomy = (await api('bob').request('GET', '/api/taxonomy')).body
      expect(taxonomy.partnerships.map((p: { id: string }) => p.id)).toContain('dep-nigeria')
      expect(taxonomy.ggProjects.find((g: { id: string }) => g.id === 'gg-test-cable')).toMatchObject({ stage: 'implementation' })
      expect(TaxonomyView.safeParse(taxonomy).success).toBe(true)
      expect(taxonomy.themes.find((t: { id: string }) => t.id === 'ai')).toMatchObject({
        label: 'Artificial intelligence', labels: { en: 'Artificial intelligence', fr: 'Intelligence artificielle', it: 'Intelligenza artificiale' },
      })
      expect(taxonomy.forums.find((f: { id: string }) => f.id === 'wto').labels.fr).toBe('WTO — Organisation mondiale du commerce (OMC)')
    })

    it("flags the actions of an owner removed from the hub, and clears the flag when they are a member again", async () => {
      const leaver = await createUser(t.db.db, { hubId: hub.id, mission: 'DE', name: 'Lea Leaving' })
      const c = await synced('bob')
      try {
        const ac = createAction(c.doc, { title: 'Owned by Lea', mission: 'DE', authorId: ids.bob, owner: leaver.id })
        const itemId = `${hub.id}:action:${ac}`
        expect(await projected(itemId)).toMatchObject({ owner: leaver.id, issues: [] })
        const owned = async () => ((await api('coord').request('GET', `/api/items?hubId=${hub.id}&owner=${leaver.id}`)).body as ItemBody[]).map((i) => i.id)
        expect(await owned()).toContain(itemId)
        // No edit of the log: the membership alone changes what the action's owner is worth.
        expect((await api('admin').request('DELETE', `/api/hubs/${hub.id}/members/${leaver.id}`)).status).toBe(204)
        const flagged = await projected(itemId, (i) => i.issues.includes('owner: not a member of this hub'))
        expect(flagged).toMatchObject({ owner: null, title: 'Owned by Lea' })
        expect(await owned()).not.toContain(itemId)
        expect((await api('admin').request('POST', `/api/hubs/${hub.id}/members`, { userId: leaver.id, mission: 'DE' })).status).toBe(201)
        expect(await projected(itemId, (i) => i.issues.length === 0)).toMatchObject({ owner: leaver.id })
      } finally {
        c.destroy()
      }
    })

    it('roll-up question 6 counts a sub-forum toward its parent, each record once, and the drill-down lists the same', async () => {
      const c = await synced('bob')
      try {
        const sub = createAction(c.doc, { title: 'ITU Council only', mission: 'DE', authorId: ids.bob, forums: ['itu-council'] })
        const both = createExchange(c.doc, { title: 'ITU and ITU-T', mission: 'DE', authorId: ids.bob, forums: ['itu', 'itu-t'] })
        await projected(`${hub.id}:action:${sub}`)
        await projected(`${hub.id}:exchange:${both}`)
        const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)
        const period = `from=${day(-1)}&to=${day(1)}`
        const rollup = (await api('admin').request('GET', `/api/rollup?${period}`)).body
        const rows = rollup.records.forums.map((f: { forumId: string; parent: string | null; exchanges: number; actions: number; hubs: number }) => [f.forumId, f.parent, f.exchanges, f.actions, f.hubs])
        const itu = rows.findIndex((r: unknown[]) => r[0] === 'itu')
        // The parent's row first, then its sub-forums; the exchange tagged ITU and ITU-T counts once for ITU.
        expect(rows.slice(itu, itu + 3)).toEqual([['itu', null, 1, 1, 1], ['itu-council', 'itu', 0, 1, 1], ['itu-t', 'itu', 1, 0, 1]])
        const drill = (await api('admin').request('GET', `/api/items?activeFrom=${day(-1)}&activeTo=${day(1)}&forum=itu`)).body as ItemBody[]
        expect(drill.map((i) => i.id).sort()).toEqual([`${hub.id}:action:${sub}`, `${hub.id}:exchange:${both}`].sort())
        expect(((await api('admin').request('GET', `/api/items?forum=itu-council`)).body as ItemBody[]).map((i) => i.id)).toEqual([`${hub.id}:action:${sub}`])
      } finally {
        c.destroy()
      }
    })
  })
}
