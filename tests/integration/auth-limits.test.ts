import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { openTestApp, type TestApp } from '../support/test-app.js'
import { createUser, TEST_PASSWORD } from '../support/factories.js'
import { client } from '../support/http.js'

for (const engine of ENGINES) {
  describe(`${engine}: sign-in limits and credentials`, () => {
    let t: TestApp
    beforeAll(async () => {
      t = await openTestApp(engine)
    })
    afterAll(() => t?.close())
    const api = (cookie: string | null = null) => client(t.fetch, t.origin, cookie)
    const clearFailures = () => t.db.db.deleteFrom('login_failures').execute()

    it('40 parallel wrong passwords: no more than the account limit (5) are checked, the rest get 429', async () => {
      await clearFailures()
      const u = await createUser(t.db.db)
      const answers = await Promise.all(Array.from({ length: 40 }, () => api().login(u.email, 'wrong password')))
      const statuses = answers.map((a) => a.status)
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5)
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35)
      // The account limit still holds for the right password.
      expect((await api().login(u.email, TEST_PASSWORD)).status).toBe(429)
      await clearFailures()
    })

    it('the address limit refuses wrong passwords but never a right one', async () => {
      await clearFailures()
      for (let i = 0; i < 20; i++) await api().login(`probe${i}@test.example`, 'wrong')
      const other = await createUser(t.db.db)
      expect((await api().login(other.email, 'still wrong')).status).toBe(429)
      const u = await createUser(t.db.db)
      expect((await api().login(u.email, TEST_PASSWORD)).status).toBe(200)
      await clearFailures()
    })

    it('X-Forwarded-For counts only from a trusted proxy (TRUST_PROXY)', async () => {
      await clearFailures()
      const forwarded = { 'x-forwarded-for': '203.0.113.9' }
      await api().request('POST', '/api/auth/login', { email: 'spoof@test.example', password: 'wrong' }, forwarded)
      const trusting = await openTestApp(engine, { TRUST_PROXY: '127.0.0.1' })
      try {
        await client(trusting.fetch, trusting.origin).request('POST', '/api/auth/login', { email: 'behind@test.example', password: 'wrong' }, { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' })
        const rows = await trusting.db.db.selectFrom('login_failures').select(['email', 'ip']).execute()
        expect(rows).toContainEqual({ email: 'behind@test.example', ip: '203.0.113.9' })
      } finally {
        await trusting.close()
      }
      const rows = await t.db.db.selectFrom('login_failures').select(['email', 'ip']).execute()
      expect(rows).toContainEqual({ email: 'spoof@test.example', ip: '127.0.0.1' })
      await clearFailures()
    })

    it('an admin reset ends the old password and every session at once', async () => {
      const admin = await createUser(t.db.db, { role: 'admin' })
      const u = await createUser(t.db.db)
      const a = api()
      expect((await a.login(admin.email, TEST_PASSWORD)).status).toBe(200)
      const victim = api()
      expect((await victim.login(u.email, TEST_PASSWORD)).status).toBe(200)
      expect((await a.request('POST', `/api/admin/users/${u.id}/reset`)).status).toBe(200)
      expect((await victim.request('GET', '/api/me')).status).toBe(401)
      expect((await api().login(u.email, TEST_PASSWORD)).status).toBe(401)
      await clearFailures()
    })

    it('setting a password through a link ends every session', async () => {
      const admin = await createUser(t.db.db, { role: 'admin' })
      const u = await createUser(t.db.db)
      const a = api()
      await a.login(admin.email, TEST_PASSWORD)
      const link = (await a.request('POST', `/api/admin/users/${u.id}/reset`)).body.link as string
      const token = new URL(link).searchParams.get('token')!
      const newer = 'a brand new password'
      expect((await api().request('POST', '/api/auth/set-password', { token, password: newer })).status).toBe(204)
      const session = api()
      expect((await session.login(u.email, newer)).status).toBe(200)
      const link2 = (await a.request('POST', `/api/admin/users/${u.id}/reset`)).body.link as string
      // The second reset ended that session itself: put a known password back (the admin's, the
      // test password) so a session opened now can only be ended by spending the link.
      await t.db.db.updateTable('users').set({ password_hash: (await t.db.db.selectFrom('users').select('password_hash').where('id', '=', admin.id).executeTakeFirstOrThrow()).password_hash }).where('id', '=', u.id).execute()
      const again = api()
      expect((await again.login(u.email, TEST_PASSWORD)).status).toBe(200)
      expect((await api().request('POST', '/api/auth/set-password', { token: new URL(link2).searchParams.get('token')!, password: newer })).status).toBe(204)
      expect((await again.request('GET', '/api/me')).status).toBe(401)
    })

    it('a password change checks the current password under the sign-in limit', async () => {
      await clearFailures()
      const u = await createUser(t.db.db)
      const c = api()
      expect((await c.login(u.email, TEST_PASSWORD)).status).toBe(200)
      const statuses = []
      for (let i = 0; i < 7; i++) statuses.push((await c.request('POST', '/api/me/password', { current: 'not it at all', next: 'whatever new one' })).status)
      expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403])
      expect(statuses.slice(5)).toEqual([429, 429])
      await clearFailures()
    })
  })
}
