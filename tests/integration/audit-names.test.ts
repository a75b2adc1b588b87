import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { client } from '../support/http.js'

const CAST = defineCast({
  hubs: { hub: { missions: ['DE'] } },
  users: {
    admin: { role: 'admin' },
    coord: { hub: 'hub', mission: 'EU', coordinator: true },
    staff: { hub: 'hub', mission: 'DE' },
  },
})

interface Event {
  action: string
  actorId: string | null
  actorName: string | null
  targetType: string | null
  targetId: string | null
  targetName: string | null
  hubId: string | null
  hubName: string | null
}

/** The audit page shows names, not ids: the API answers each event's actor, target and hub by name. */
for (const engine of ENGINES) {
  describe(`${engine}: audit events name their targets`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    const api = (who: keyof typeof CAST.users) => client(t.url, t.origin, cast.cookies[who])
    const events = async (query = '') => {
      const res = await api('admin').request('GET', `/api/admin/audit${query}`)
      expect(res.status).toBe(200)
      return res.body as Event[]
    }

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
    })
    afterAll(() => t?.close())

    it('names users, hubs, missions and periods; the action filter returns that action only', async () => {
      const a = api('admin')
      const hubId = cast.hubs.hub.id
      expect((await a.request('PATCH', `/api/admin/users/${cast.ids.staff}`, { role: 'hq' })).status).toBe(200)
      const hub = await a.request('POST', '/api/admin/hubs', { name: 'Hub Named', country: 'KE', countryName: 'Kenya', region: 'africa' })
      expect(hub.status).toBe(201)
      expect((await a.request('POST', `/api/admin/hubs/${hub.body.id}/missions`, { code: 'FR', name: 'Embassy of France in Kenya' })).status).toBe(201)
      expect((await a.request('POST', '/api/periods', { id: '2031-H1', start: '2031-01-01', end: '2031-06-30', briefDue: '2031-07-15' })).status).toBe(201)
      expect((await api('coord').request('DELETE', `/api/hubs/${hubId}/members/${cast.ids.staff}`)).status).toBe(204)

      const staffName = (await a.request('GET', `/api/admin/users?q=${encodeURIComponent(cast.emails.staff)}`)).body[0].name as string
      const adminName = (await a.request('GET', `/api/admin/users?q=${encodeURIComponent(cast.emails.admin)}`)).body[0].name as string
      const roles = await events('?action=user.role_changed')
      expect(roles.length).toBeGreaterThan(0)
      expect(roles.every((e) => e.action === 'user.role_changed')).toBe(true)
      expect(roles[0]).toMatchObject({ targetType: 'user', targetId: cast.ids.staff, targetName: staffName, actorId: cast.ids.admin, actorName: adminName })

      expect((await events('?action=hub.created'))[0]).toMatchObject({ targetId: hub.body.id, targetName: 'Hub Named', hubName: 'Hub Named' })
      expect((await events('?action=mission.created'))[0]).toMatchObject({ targetName: 'Embassy of France in Kenya', hubName: 'Hub Named' })
      expect((await events('?action=period.created'))[0]).toMatchObject({ targetId: '2031-H1', targetName: '2031-H1' })
      const removed = (await events('?action=membership.removed'))[0]
      const hubName = (await t.db.db.selectFrom('hubs').select('name').where('id', '=', hubId).executeTakeFirstOrThrow()).name
      expect(removed).toMatchObject({ targetName: staffName, hubId, hubName })
      // A filter that matches nothing is an empty page, not an error; a made-up action too.
      expect(await events('?action=no.such_action')).toEqual([])
    })

    it('the users list says which hubs each user belongs to', async () => {
      const users = (await api('admin').request('GET', '/api/admin/users')).body as { id: string; hubIds: string[] }[]
      expect(users.find((u) => u.id === cast.ids.coord)?.hubIds).toEqual([cast.hubs.hub.id])
      expect(users.find((u) => u.id === cast.ids.admin)?.hubIds).toEqual([])
    })
  })
}
