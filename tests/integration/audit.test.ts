import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createUser, TEST_PASSWORD } from '../support/factories.js'
import { createCast, defineCast, type CastHub, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { purgeAudit } from '../../server/audit/audit.js'

const CAST = defineCast({
  hubs: { hub: { missions: ['DE', 'FR'] } },
  users: {
    admin: { role: 'admin' },
    coord: { hub: 'hub', mission: 'EU', coordinator: true },
    staff: { hub: 'hub', mission: 'DE' },
    hq: { role: 'hq' },
  },
})

for (const engine of ENGINES) {
  describe(`${engine}: audit trail`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    let hub: CastHub
    const api = (who: keyof typeof CAST.users) => client(t.url, t.origin, cast.cookies[who])
    const events = async (query = '') => (await api('admin').request('GET', `/api/admin/audit${query}`)).body as { action: string; actorId: string | null; actorEmail: string | null; targetId: string | null; hubId: string | null; ip: string | null; details: Record<string, unknown> }[]

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      hub = cast.hubs.hub
    })
    afterAll(() => t?.close())

    it('records sign-ins, failures (with the e-mail typed) and sign-outs, with the address', async () => {
      const c = client(t.url, t.origin)
      expect((await c.login(cast.emails.staff, 'wrong password here')).status).toBe(401)
      expect((await c.login('nobody@nowhere.example', 'whatever password')).status).toBe(401)
      expect((await c.login(cast.emails.staff, TEST_PASSWORD)).status).toBe(200)
      expect((await c.request('POST', '/api/auth/logout')).status).toBe(204)
      const failed = await events('?action=auth.login_failed')
      expect(failed.map((e) => e.actorEmail).sort()).toEqual([cast.emails.staff.toLowerCase(), 'nobody@nowhere.example'].sort())
      expect(failed.every((e) => e.actorId === null && !!e.ip)).toBe(true)
      expect((await events('?action=auth.login'))[0]).toMatchObject({ actorId: cast.ids.staff })
      expect((await events('?action=auth.logout'))[0]).toMatchObject({ actorId: cast.ids.staff })
    })

    it('records admin actions, membership and focal-point changes; removing a member closes their sockets at once', async () => {
      const a = api('admin')
      const created = await a.request('POST', '/api/admin/users', { email: 'new.member@test.example', name: 'New Member', role: 'staff', password: 'long enough password' })
      expect(created.status).toBe(201)
      const newHub = await a.request('POST', '/api/admin/hubs', { name: 'Hub Audit', country: 'KE', countryName: 'Kenya', region: 'Africa' })
      expect(newHub.status).toBe(201)
      expect((await a.request('POST', `/api/admin/hubs/${newHub.body.id}/missions`, { code: 'EU', name: 'EU Delegation to Kenya' })).status).toBe(201)
      const coord = api('coord')
      expect((await coord.request('POST', `/api/hubs/${hub.id}/members`, { userId: created.body.id, mission: 'FR' })).status).toBe(201)
      expect((await coord.request('POST', `/api/hubs/${hub.id}/members`, { userId: created.body.id, mission: 'FR', coordinator: true })).status).toBe(201)
      expect((await coord.request('PUT', `/api/hubs/${hub.id}/focal-point`, { userId: cast.ids.staff })).status).toBe(200)
      // The staff member has the brief open; removing the membership closes that socket.
      const socket = connectClient(t.url, `hub/${hub.id}/brief`, cast.cookies.staff, { origin: t.origin })
      await until(() => socket.provider.synced)
      expect((await coord.request('DELETE', `/api/hubs/${hub.id}/members/${cast.ids.staff}`)).status).toBe(204)
      await until(() => socket.closes.length > 0, 1_000, 'socket closed within a second')
      expect(socket.closes[0].code).toBe(4403)
      socket.destroy()
      const all = await events()
      const actions = all.map((e) => e.action)
      for (const a of ['user.created', 'hub.created', 'mission.created', 'membership.added', 'membership.changed', 'focal_point.set', 'membership.removed']) expect(actions, a).toContain(a)
      expect(all.find((e) => e.action === 'membership.removed')).toMatchObject({ actorId: cast.ids.coord, targetId: cast.ids.staff, hubId: hub.id })
      expect((await events(`?hubId=${hub.id}&action=membership.changed`))[0].details).toMatchObject({ coordinator: true })
    })

    it('records report generation; only admins read the trail; nothing alters it', async () => {
      expect((await api('hq').request('GET', '/api/reports/progress?from=2026-01-01&to=2026-06-30&format=md')).status).toBe(200)
      expect((await events('?action=report.generated'))[0]).toMatchObject({ actorId: cast.ids.hq, details: { format: 'md' } })
      expect((await api('hq').request('GET', '/api/admin/audit')).status).toBe(403)
      expect((await api('coord').request('GET', '/api/admin/audit')).status).toBe(403)
      for (const method of ['PATCH', 'PUT', 'DELETE']) expect((await api('admin').request(method, '/api/admin/audit', {})).status).toBe(404)
      // Even straight SQL cannot change or remove an event.
      await expect(sql`update audit_events set action = 'x'`.execute(t.db.db)).rejects.toThrow(/append-only/)
      await expect(sql`delete from audit_events`.execute(t.db.db)).rejects.toThrow(/append-only/)
    })

    it('self-service: see and end own sessions; change the password with the current one, ending the other sessions', async () => {
      const u = await createUser(t.db.db, { hubId: hub.id, mission: 'DE' })
      const laptop = client(t.url, t.origin)
      const phone = client(t.url, t.origin)
      expect((await laptop.login(u.email, TEST_PASSWORD)).status).toBe(200)
      expect((await phone.login(u.email, TEST_PASSWORD)).status).toBe(200)
      const sessions = (await laptop.request('GET', '/api/me/sessions')).body
      expect(sessions).toHaveLength(2)
      expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1)
      // End the phone's session from the laptop: its socket closes, its cookie is dead.
      const phoneSocket = connectClient(t.url, `hub/${hub.id}/brief`, phone.cookie, { origin: t.origin })
      await until(() => phoneSocket.provider.synced)
      const other = sessions.find((s: { current: boolean }) => !s.current)
      expect((await laptop.request('DELETE', `/api/me/sessions/${other.id}`)).status).toBe(204)
      await until(() => phoneSocket.closes.length > 0, 1_000, 'phone socket closed')
      expect(phoneSocket.closes[0].code).toBe(4401)
      phoneSocket.destroy()
      expect((await phone.request('GET', '/api/me')).status).toBe(401)
      expect((await laptop.request('DELETE', '/api/me/sessions/0000000000000000')).status).toBe(404)
      // Password: the current one is required; the other sessions end; the new one works.
      const tablet = client(t.url, t.origin)
      expect((await tablet.login(u.email, TEST_PASSWORD)).status).toBe(200)
      const wrong = await laptop.request('POST', '/api/me/password', { current: 'not it at all', next: 'a brand new password' })
      expect(wrong.status).toBe(403)
      expect((await laptop.request('POST', '/api/me/password', { current: TEST_PASSWORD, next: 'short' })).status).toBe(400)
      expect((await laptop.request('POST', '/api/me/password', { current: TEST_PASSWORD, next: 'a brand new password' })).status).toBe(204)
      expect((await tablet.request('GET', '/api/me')).status).toBe(401)
      expect((await laptop.request('GET', '/api/me')).status).toBe(200)
      expect((await client(t.url, t.origin).login(u.email, 'a brand new password')).status).toBe(200)
      const actions = (await events(`?actor=${u.id}`)).map((e) => e.action)
      expect(actions).toContain('auth.password_changed')
      expect(actions).toContain('session.ended')
    })

    it('admin: invite with a one-time link, disable (sessions end, socket closes within a second), enable, reset, change role', async () => {
      const a = api('admin')
      expect((await api('coord').request('POST', '/api/admin/users/invite', { email: 'x@test.example', name: 'X', role: 'staff' })).status).toBe(403)
      const invited = await a.request('POST', '/api/admin/users/invite', { email: 'invitee@test.example', name: 'Ines Invitee', role: 'staff' })
      expect(invited.status).toBe(201)
      const token = new URL(invited.body.link).searchParams.get('token')!
      expect(invited.body.link.startsWith(t.origin + '/set-password?token=')).toBe(true)
      const anon = client(t.url, t.origin)
      expect((await anon.request('POST', '/api/auth/set-password', { token, password: 'short' })).status).toBe(400)
      expect((await anon.request('POST', '/api/auth/set-password', { token, password: 'my own new password' })).status).toBe(204)
      expect((await anon.request('POST', '/api/auth/set-password', { token, password: 'a second try at it' })).status).toBe(403)
      const ines = client(t.url, t.origin)
      expect((await ines.login('invitee@test.example', 'my own new password')).status).toBe(200)
      expect((await a.request('POST', `/api/hubs/${hub.id}/members`, { userId: invited.body.id, mission: 'DE' })).status).toBe(201)
      const socket = connectClient(t.url, `hub/${hub.id}/brief`, ines.cookie, { origin: t.origin })
      await until(() => socket.provider.synced)
      expect((await a.request('POST', `/api/admin/users/${invited.body.id}/disable`)).status).toBe(204)
      await until(() => socket.closes.length > 0, 1_000, 'socket closed within a second of disabling')
      socket.destroy()
      expect((await ines.request('GET', '/api/me')).status).toBe(401)
      expect((await client(t.url, t.origin).login('invitee@test.example', 'my own new password')).status).toBe(401)
      expect((await a.request('POST', `/api/admin/users/${invited.body.id}/enable`)).status).toBe(204)
      const back = client(t.url, t.origin)
      expect((await back.login('invitee@test.example', 'my own new password')).status).toBe(200)
      const reset = await a.request('POST', `/api/admin/users/${invited.body.id}/reset`)
      expect(reset.status).toBe(200)
      expect((await back.request('GET', '/api/me')).status).toBe(401)
      const resetToken = new URL(reset.body.link).searchParams.get('token')!
      expect((await anon.request('POST', '/api/auth/set-password', { token: resetToken, password: 'after the reset' })).status).toBe(204)
      const again = client(t.url, t.origin)
      expect((await again.login('invitee@test.example', 'after the reset')).status).toBe(200)
      const socket2 = connectClient(t.url, `hub/${hub.id}/brief`, again.cookie, { origin: t.origin })
      await until(() => socket2.provider.synced)
      expect((await a.request('PATCH', `/api/admin/users/${invited.body.id}`, { role: 'hq' })).status).toBe(200)
      await until(() => socket2.closes.length > 0, 1_000, 'socket closed on role change')
      socket2.destroy()
      expect((await a.request('PATCH', `/api/admin/users/${cast.ids.admin}`, { role: 'staff' })).status).toBe(403)
      const listed = (await a.request('GET', '/api/admin/users?q=invitee')).body
      expect(listed).toEqual([expect.objectContaining({ email: 'invitee@test.example', role: 'hq', disabled: false })])
      const actions = (await events(`?actor=${cast.ids.admin}`)).map((e) => e.action)
      for (const x of ['user.invited', 'user.disabled', 'user.enabled', 'user.password_reset', 'user.role_changed']) expect(actions, x).toContain(x)
      expect((await events('?action=auth.password_set')).length).toBe(2)
    })

    it('keeps events for the retention period only', async () => {
      await t.db.db.insertInto('audit_events').values({ action: 'auth.login', at: new Date(Date.now() - 800 * 86_400_000), details: '{}' }).execute()
      const before = (await t.db.db.selectFrom('audit_events').select('id').execute()).length
      expect(await purgeAudit(t.db.db, 730)).toBe(1)
      expect((await t.db.db.selectFrom('audit_events').select('id').execute()).length).toBe(before - 1)
    })
  })
}
