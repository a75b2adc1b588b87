import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { openTestApp, type TestApp } from '../support/test-app.js'
import { createCast, defineCast, type CastHub, type CastOf } from '../support/cast.js'
import { client } from '../support/http.js'

const CAST = defineCast({
  hubs: { hubA: { missions: ['DE', 'FR'] }, hubB: { missions: ['IT'] } },
  users: {
    coordinator: { hub: 'hubA', mission: 'EU', coordinator: true },
    staffA: { hub: 'hubA', mission: 'DE' },
    staffB: { hub: 'hubB', mission: 'IT' },
    newcomer: {},
    hq: { role: 'hq' },
    cyber: { role: 'cyber' },
    admin: { role: 'admin' },
  },
})

for (const engine of ENGINES) {
  describe(`${engine}: /api/hubs`, () => {
    let t: TestApp
    let cast: CastOf<typeof CAST>
    let hubA: CastHub
    let hubB: CastHub

    beforeAll(async () => {
      t = await openTestApp(engine)
      cast = await createCast(t.db.db, CAST)
      ;({ hubA, hubB } = cast.hubs)
    })
    afterAll(() => t?.close())
    const api = (who: keyof typeof CAST.users | null) => client(t.fetch, t.origin, who ? cast.cookies[who] : null)

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
        [cast.users.coordinator.id, cast.users.staffA.id].sort(),
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
      expect(list.body[0].updatedBy.id).toBe(cast.users.staffA.id)
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
      const add = { userId: cast.users.newcomer.id, mission: 'FR' }
      expect((await api('staffA').request('POST', `/api/hubs/${hubA.id}/members`, add)).status).toBe(403)
      expect((await api('staffB').request('POST', `/api/hubs/${hubA.id}/members`, add)).status).toBe(403)
      const added = await api('coordinator').request('POST', `/api/hubs/${hubA.id}/members`, add)
      expect(added.status).toBe(201)
      expect(added.body.missionId).toBe(hubA.missions.FR)
      const wrongMission = await api('coordinator').request('POST', `/api/hubs/${hubA.id}/members`, {
        userId: cast.users.newcomer.id,
        mission: 'IT',
      })
      expect(wrongMission.status).toBe(400)
      const fp = await api('coordinator').request('PUT', `/api/hubs/${hubA.id}/focal-point`, { userId: cast.users.newcomer.id })
      expect(fp.status).toBe(200)
      const hub = await api('staffA').request('GET', `/api/hubs/${hubA.id}`)
      expect(hub.body.focalPoint).toMatchObject({ userId: cast.users.newcomer.id })
      expect(
        (await api('coordinator').request('PUT', `/api/hubs/${hubA.id}/focal-point`, { userId: cast.users.staffB.id })).status,
      ).toBe(400)
      expect((await api('coordinator').request('DELETE', `/api/hubs/${hubA.id}/members/${cast.users.newcomer.id}`)).status).toBe(204)
      expect((await api('staffA').request('GET', `/api/hubs/${hubA.id}`)).body.focalPoint).toBeNull()
      expect((await api('coordinator').request('DELETE', `/api/hubs/${hubB.id}/members/${cast.users.staffB.id}`)).status).toBe(403)
    })

    it('refuses a state change with the session cookie but a wrong or missing Origin', async () => {
      const path = `/api/hubs/${hubA.id}/notes`
      const evil = await api('staffA').request('POST', path, { title: 'x' }, { origin: 'http://evil.example' })
      expect(evil.status).toBe(403)
      expect(evil.body.error.code).toBe('forbidden')
      const headers = { cookie: cast.users.staffA.cookie, 'content-type': 'application/json' }
      const none = await t.fetch(path, { method: 'POST', headers, body: '{"title":"x"}' })
      expect(none.status).toBe(403)
    })
  })

  describe(`${engine}: /api/admin`, () => {
    let t: TestApp
    let adminCookie: string
    let staffCookie: string
    beforeAll(async () => {
      t = await openTestApp(engine)
      ;({ admin: adminCookie, staff: staffCookie } = (await createCast(t.db.db, { users: { admin: { role: 'admin' }, staff: {} } })).cookies)
    })
    afterAll(() => t?.close())

    it('creates users, hubs and missions; 409 on duplicates; 403 to non-admins', async () => {
      const a = client(t.fetch, t.origin, adminCookie)
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
      const s = client(t.fetch, t.origin, staffCookie)
      expect((await s.request('POST', '/api/admin/hubs', { name: 'x', country: 'KE', countryName: 'Kenya', region: 'africa' })).status).toBe(403)
    })

    it('answers unknown routes with 404 JSON', async () => {
      const res = await client(t.fetch, t.origin, adminCookie).request('GET', '/api/admin/nothing')
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    })
  })
}
