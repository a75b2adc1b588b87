import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createHub, createUser, sessionCookie } from '../support/factories.js'
import { client } from '../support/http.js'

for (const engine of ENGINES) {
  describe(`${engine}: /api/hubs`, () => {
    let t: TestServer
    let hubA: Awaited<ReturnType<typeof createHub>>
    let hubB: Awaited<ReturnType<typeof createHub>>
    const as: Record<string, { id: string; cookie: string }> = {}

    beforeAll(async () => {
      t = await startTestServer(engine)
      const db = t.db.db
      hubA = await createHub(db, { missions: ['DE', 'FR'] })
      hubB = await createHub(db, { missions: ['IT'] })
      const make = async (name: string, opts: Parameters<typeof createUser>[1]) => {
        const u = await createUser(db, opts)
        as[name] = { id: u.id, cookie: await sessionCookie(db, u.id) }
      }
      await make('coordinator', { hubId: hubA.id, mission: 'EU', coordinator: true })
      await make('staffA', { hubId: hubA.id, mission: 'DE' })
      await make('staffB', { hubId: hubB.id, mission: 'IT' })
      await make('newcomer', {})
      await make('hq', { role: 'hq' })
      await make('cyber', { role: 'cyber' })
      await make('admin', { role: 'admin' })
    })
    afterAll(() => t?.close())
    const api = (who: string | null) => client(t.url, t.origin, who ? as[who].cookie : null)

    it('lists only the hubs a staff member belongs to, every hub to hq', async () => {
      const mine = await api('staffA').request('GET', '/api/hubs')
      expect(mine.status).toBe(200)
      expect(mine.body.map((h: { id: string }) => h.id)).toEqual([hubA.id])
      expect(mine.body[0].missions.map((m: { code: string }) => m.code).sort()).toEqual(['DE', 'EU', 'FR'])
      const all = await api('hq').request('GET', '/api/hubs')
      expect(all.body.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([hubA.id, hubB.id]))
      expect((await api(null).request('GET', '/api/hubs')).status).toBe(401)
    })

    it('shows a hub with missions, members and focal point; 403 to other hubs, 404 unknown', async () => {
      const res = await api('staffA').request('GET', `/api/hubs/${hubA.id}`)
      expect(res.status).toBe(200)
      expect(res.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
        [as.coordinator.id, as.staffA.id].sort(),
      )
      expect(res.body.focalPoint).toBeNull()
      expect((await api('staffB').request('GET', `/api/hubs/${hubA.id}`)).status).toBe(403)
      expect((await api('staffA').request('GET', '/api/hubs/hub-missing')).status).toBe(404)
      expect((await api('staffA').request('GET', '/api/hubs/bad%20id')).status).toBe(400)
    })

    it('creates, lists and renames notes, storing titles verbatim', async () => {
      const title = `Nöte — 'x'); DROP TABLE notes; -- 🇪🇺 عربى`
      const created = await api('staffA').request('POST', `/api/hubs/${hubA.id}/notes`, { title })
      expect(created.status).toBe(201)
      expect(created.body.docName).toBe(`hub/${hubA.id}/notes/${created.body.id}`)
      const list = await api('coordinator').request('GET', `/api/hubs/${hubA.id}/notes`)
      expect(list.body[0]).toMatchObject({ id: created.body.id, title, docName: created.body.docName })
      expect(list.body[0].updatedBy.id).toBe(as.staffA.id)
      const renamed = await api('coordinator').request('PATCH', `/api/hubs/${hubA.id}/notes/${created.body.id}`, {
        title: 'Renamed',
      })
      expect(renamed.status).toBe(200)
      expect((await api('staffA').request('GET', `/api/hubs/${hubA.id}/notes`)).body[0].title).toBe('Renamed')
    })

    it('refuses notes across hubs, to hq writing, and over-long or empty titles', async () => {
      expect((await api('staffB').request('GET', `/api/hubs/${hubA.id}/notes`)).status).toBe(403)
      expect((await api('staffB').request('POST', `/api/hubs/${hubA.id}/notes`, { title: 'x' })).status).toBe(403)
      expect((await api('hq').request('GET', `/api/hubs/${hubA.id}/notes`)).status).toBe(200)
      expect((await api('hq').request('POST', `/api/hubs/${hubA.id}/notes`, { title: 'x' })).status).toBe(403)
      expect((await api('cyber').request('GET', `/api/hubs/${hubA.id}/notes`)).status).toBe(403)
      const long = await api('staffA').request('POST', `/api/hubs/${hubA.id}/notes`, { title: 'x'.repeat(301) })
      expect(long.status).toBe(400)
      expect(long.body.error.message).toMatch(/^title:/)
      expect((await api('staffA').request('POST', `/api/hubs/${hubA.id}/notes`, { title: '  ' })).status).toBe(400)
    })

    it('lets the coordinator manage members and the focal point; not other staff', async () => {
      const add = { userId: as.newcomer.id, mission: 'FR' }
      expect((await api('staffA').request('POST', `/api/hubs/${hubA.id}/members`, add)).status).toBe(403)
      expect((await api('staffB').request('POST', `/api/hubs/${hubA.id}/members`, add)).status).toBe(403)
      const added = await api('coordinator').request('POST', `/api/hubs/${hubA.id}/members`, add)
      expect(added.status).toBe(201)
      expect(added.body.missionId).toBe(hubA.missions.FR)
      const wrongMission = await api('coordinator').request('POST', `/api/hubs/${hubA.id}/members`, {
        userId: as.newcomer.id,
        mission: 'IT',
      })
      expect(wrongMission.status).toBe(400)
      const fp = await api('coordinator').request('PUT', `/api/hubs/${hubA.id}/focal-point`, { userId: as.newcomer.id })
      expect(fp.status).toBe(200)
      const hub = await api('staffA').request('GET', `/api/hubs/${hubA.id}`)
      expect(hub.body.focalPoint).toMatchObject({ userId: as.newcomer.id })
      expect(
        (await api('coordinator').request('PUT', `/api/hubs/${hubA.id}/focal-point`, { userId: as.staffB.id })).status,
      ).toBe(400)
      expect((await api('coordinator').request('DELETE', `/api/hubs/${hubA.id}/members/${as.newcomer.id}`)).status).toBe(204)
      expect((await api('staffA').request('GET', `/api/hubs/${hubA.id}`)).body.focalPoint).toBeNull()
      expect((await api('coordinator').request('DELETE', `/api/hubs/${hubB.id}/members/${as.staffB.id}`)).status).toBe(403)
    })

    it('refuses a state change with the session cookie but a wrong or missing Origin', async () => {
      const path = `/api/hubs/${hubA.id}/notes`
      const evil = await api('staffA').request('POST', path, { title: 'x' }, { origin: 'http://evil.example' })
      expect(evil.status).toBe(403)
      expect(evil.body.error.code).toBe('forbidden')
      const headers = { cookie: as.staffA.cookie, 'content-type': 'application/json' }
      const none = await fetch(t.url + path, { method: 'POST', headers, body: '{"title":"x"}' })
      expect(none.status).toBe(403)
    })
  })

  describe(`${engine}: /api/admin`, () => {
    let t: TestServer
    let adminCookie: string
    let staffCookie: string
    beforeAll(async () => {
      t = await startTestServer(engine)
      adminCookie = await sessionCookie(t.db.db, (await createUser(t.db.db, { role: 'admin' })).id)
      staffCookie = await sessionCookie(t.db.db, (await createUser(t.db.db)).id)
    })
    afterAll(() => t?.close())

    it('creates users, hubs and missions; 409 on duplicates; 403 to non-admins', async () => {
      const a = client(t.url, t.origin, adminCookie)
      const user = await a.request('POST', '/api/admin/users', {
        email: 'New.Person@Test.example',
        name: 'Zoë Ñúñez',
        role: 'staff',
        password: 'long enough password',
      })
      expect(user.status).toBe(201)
      expect(user.body.email).toBe('new.person@test.example')
      expect(
        (await a.request('POST', '/api/admin/users', { email: 'new.person@test.example', name: 'x', role: 'hq', password: 'long enough password' }))
          .status,
      ).toBe(409)
      const badRole = await a.request('POST', '/api/admin/users', { email: 'x@y.example', name: 'x', role: 'root', password: 'long enough password' })
      expect(badRole.status).toBe(400)
      expect(badRole.body.error.message).toMatch(/^role:/)
      const hub = await a.request('POST', '/api/admin/hubs', { name: 'Hub Kenya', country: 'KE', countryName: 'Kenya', region: 'africa' })
      expect(hub.status).toBe(201)
      const eu = await a.request('POST', `/api/admin/hubs/${hub.body.id}/missions`, { code: 'EU', name: 'EU Delegation' })
      expect(eu.status).toBe(201)
      const gr = await a.request('POST', `/api/admin/hubs/${hub.body.id}/missions`, { code: 'EL', name: 'Embassy of Greece' })
      expect(gr.body.code).toBe('GR')
      expect((await a.request('POST', `/api/admin/hubs/${hub.body.id}/missions`, { code: 'EU', name: 'again' })).status).toBe(409)
      const s = client(t.url, t.origin, staffCookie)
      expect((await s.request('POST', '/api/admin/hubs', { name: 'x', country: 'KE', countryName: 'Kenya', region: 'africa' })).status).toBe(403)
    })

    it('answers unknown routes with 404 JSON', async () => {
      const res = await client(t.url, t.origin, adminCookie).request('GET', '/api/admin/nothing')
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    })
  })
}
