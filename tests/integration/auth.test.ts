import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { openTestApp, type TestApp } from '../support/test-app.js'
import { createHub, createUser, TEST_PASSWORD } from '../support/factories.js'
import { client } from '../support/http.js'
import { hashSessionId } from '../../server/auth/session-store.js'

for (const engine of ENGINES) {
  describe(`${engine}: POST /api/auth/login`, () => {
    let t: TestApp
    beforeAll(async () => {
      t = await openTestApp(engine)
    })
    afterAll(() => t?.close())
    const api = (cookie: string | null = null) => client(t.fetch, t.origin, cookie)

    it('signs in with the right pair, sets an httpOnly Lax cookie and answers the user', async () => {
      const hub = await createHub(t.db.db)
      const u = await createUser(t.db.db, { hubId: hub.id, mission: 'DE', coordinator: true })
      const c = api()
      const res = await c.request('POST', '/api/auth/login', { email: u.email.toUpperCase(), password: TEST_PASSWORD })
      expect(res.status).toBe(200)
      expect(res.body.user).toMatchObject({
        id: u.id,
        email: u.email,
        role: 'staff',
        memberships: [{ hubId: hub.id, mission: 'DE', coordinator: true }],
      })
      const cookie = res.headers.get('set-cookie')!
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/SameSite=Lax/i)
      expect(cookie).not.toMatch(/Secure/)
      const me = await c.request('GET', '/api/me')
      expect(me.status).toBe(200)
      expect(me.body.id).toBe(u.id)
    })

    it('answers an unknown email exactly like a wrong password', async () => {
      const u = await createUser(t.db.db)
      const wrong = await api().login(u.email, 'not the password')
      const unknown = await api().login('nobody@test.example', 'not the password')
      expect(wrong.status).toBe(401)
      expect(unknown.status).toBe(401)
      expect(unknown.text).toBe(wrong.text)
      expect(wrong.body.error.code).toBe('bad_credentials')
    })

    it('refuses a disabled account with the same answer', async () => {
      const u = await createUser(t.db.db)
      await t.db.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', u.id).execute()
      const res = await api().login(u.email, TEST_PASSWORD)
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('bad_credentials')
    })

    it('rate-limits failures per account with 429 and Retry-After, even for the right password', async () => {
      const u = await createUser(t.db.db)
      for (let i = 0; i < 5; i++) expect((await api().login(u.email, 'wrong')).status).toBe(401)
      const res = await api().login(u.email, TEST_PASSWORD)
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(res.body.error.code).toBe('rate_limited')
    })

    it('rate-limits failures per client address across accounts (wrong passwords; a right one still signs in)', async () => {
      await t.db.db.deleteFrom('login_failures').execute()
      for (let i = 0; i < 20; i++) await api().login(`probe${i}@test.example`, 'wrong')
      const u = await createUser(t.db.db)
      const res = await api().login(u.email, 'wrong again')
      expect(res.status).toBe(429)
      expect((await api().login(u.email, TEST_PASSWORD)).status).toBe(200)
      await t.db.db.deleteFrom('login_failures').execute()
    })

    it('gives a new session id at sign-in and kills the planted one', async () => {
      const u = await createUser(t.db.db)
      const c = api()
      await c.login(u.email, TEST_PASSWORD)
      const first = c.cookie!
      await c.login(u.email, TEST_PASSWORD)
      expect(c.cookie).not.toBe(first)
      expect((await api(first).request('GET', '/api/me')).status).toBe(401)
      expect((await c.request('GET', '/api/me')).status).toBe(200)
    })

    it('logout ends the session on the server', async () => {
      const u = await createUser(t.db.db)
      const c = api()
      await c.login(u.email, TEST_PASSWORD)
      const cookie = c.cookie!
      const out = await c.request('POST', '/api/auth/logout')
      expect(out.status).toBe(204)
      expect((await api(cookie).request('GET', '/api/me')).status).toBe(401)
    })

    it('refuses idle and past-absolute-expiry sessions with 401', async () => {
      const u = await createUser(t.db.db)
      const idle = api()
      await idle.login(u.email, TEST_PASSWORD)
      const idleHash = hashSessionId(idle.cookie!.split('=')[1])
      await t.db.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(Date.now() - t.config.sessionIdleMs - 1000) })
        .where('id_hash', '=', idleHash)
        .execute()
      expect((await idle.request('GET', '/api/me')).status).toBe(401)

      const old = api()
      await old.login(u.email, TEST_PASSWORD)
      const oldHash = hashSessionId(old.cookie!.split('=')[1])
      await t.db.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id_hash', '=', oldHash)
        .execute()
      expect((await old.request('GET', '/api/me')).status).toBe(401)
      expect(await t.db.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', oldHash).execute()).toEqual([])
    })

    it('answers 401 to /api/me without a session and to a forged cookie', async () => {
      expect((await api().request('GET', '/api/me')).status).toBe(401)
      const res = await api('hubwork_session=forged').request('GET', '/api/me')
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('unauthenticated')
    })

    it('names the field of invalid input and refuses malformed JSON with 400', async () => {
      const missing = await api().request('POST', '/api/auth/login', { email: 'a@b.example' })
      expect(missing.status).toBe(400)
      expect(missing.body.error.message).toMatch(/^password:/)
      const wrongType = await api().request('POST', '/api/auth/login', { email: 5, password: 'x' })
      expect(wrongType.status).toBe(400)
      expect(wrongType.body.error.message).toMatch(/^email:/)
      const malformed = await api().request('POST', '/api/auth/login', '{"email":')
      expect(malformed.status).toBe(400)
      expect(malformed.body.error.code).toBe('invalid_input')
    })

    it('answers 413 to a body over the cap', async () => {
      const res = await api().request('POST', '/api/auth/login', { email: 'x'.repeat(1_100_000), password: 'x' })
      expect(res.status).toBe(413)
      expect(res.body.error.code).toBe('payload_too_large')
    })
  })
}
