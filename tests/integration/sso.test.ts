import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { openTestApp, type TestApp } from '../support/test-app.js'
import { createUser, TEST_PASSWORD } from '../support/factories.js'
import { client } from '../support/http.js'
import { RedirectBrowser, startTestProvider, type TestProvider } from '../support/oidc-provider.js'

/**
 * Single sign-on against a real OpenID provider running in this process (`oidc-provider` on
 * 127.0.0.1): discovery, authorization code + PKCE, signed id tokens, userinfo, end-session.
 */
const APP_HOST = 'hubwork.test'
const CALLBACK = `http://${APP_HOST}/api/auth/oidc/oidc/callback`
const isCallback = (u: URL) => u.host === APP_HOST && u.pathname.endsWith('/callback')

for (const engine of ENGINES) {
  describe(`${engine}: OpenID Connect sign-in`, () => {
    let op: TestProvider
    let t: TestApp
    beforeAll(async () => {
      op = await startTestProvider([CALLBACK], [`http://${APP_HOST}/login`])
      t = await openTestApp(engine, { OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: op.clientId, OIDC_CLIENT_SECRET: op.clientSecret, OIDC_NAME: 'EU Login' })
    })
    afterAll(async () => {
      await t?.close()
      await op?.close()
    })

    const browser = () => new RedirectBrowser(APP_HOST, t.fetch)
    /** From the sign-in button to the URL the provider sends the browser back to (not yet followed). */
    async function toCallback(b: RedirectBrowser): Promise<string> {
      const { url } = await b.follow(`http://${APP_HOST}/api/auth/oidc/oidc/start`, isCallback)
      expect(url).toMatch(/^http:\/\/hubwork\.test\/api\/auth\/oidc\/oidc\/callback\?code=/)
      return url
    }
    async function audit() {
      return t.db.db.selectFrom('audit_events').select(['action', 'actor_email', 'actor_id', 'details']).orderBy('id', 'desc').execute()
    }

    it('the sign-in page offers "Sign in with EU Login" next to the password form', async () => {
      const res = await client(t.fetch, t.origin).request('GET', '/api/auth/methods')
      expect(res.body).toEqual({ password: true, providers: [{ id: 'oidc', name: 'EU Login', startUrl: '/api/auth/oidc/oidc/start' }] })
    })

    it('signs in a person the admin created, matched by verified e-mail, with a session like the password one', async () => {
      const u = await createUser(t.db.db, { role: 'hq' })
      op.signInAs('op-sub-1', { email: u.email.toUpperCase(), email_verified: true })
      const b = browser()
      const res = await b.get(await toCallback(b))
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('/')
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('hubwork_session='))!
      expect(setCookie).toMatch(/HttpOnly/i)
      expect(setCookie).toMatch(/SameSite=Lax/i)
      const me = await client(t.fetch, t.origin, `hubwork_session=${b.jars.get(APP_HOST)!.get('hubwork_session')}`).request('GET', '/api/me')
      expect(me.status).toBe(200)
      expect(me.body.id).toBe(u.id)
      expect((await audit())[0]).toMatchObject({ action: 'auth.login', actor_id: u.id, details: { method: 'oidc', provider: 'oidc' } })
    })

    it('refuses a person with no account: a clear page, and the admin sees an audit line', async () => {
      op.signInAs('op-stranger', { email: 'stranger@ministry.example', email_verified: true })
      const b = browser()
      const res = await b.get(await toCallback(b))
      expect(res.status).toBe(403)
      const page = await res.text()
      expect(page).toContain('No Hubwork account for this address')
      expect(page).toContain('stranger@ministry.example')
      expect(res.headers.getSetCookie().some((c) => c.startsWith('hubwork_session=') && !c.startsWith('hubwork_session=;'))).toBe(false)
      expect((await audit())[0]).toMatchObject({ action: 'auth.sso_refused', actor_email: 'stranger@ministry.example', details: { reason: 'unknown_account' } })
      expect(await t.db.db.selectFrom('users').select('id').where('email', '=', 'stranger@ministry.example').execute()).toEqual([])
    })

    it('refuses an address the provider has not verified, even of an existing account', async () => {
      const u = await createUser(t.db.db)
      op.signInAs('op-unverified', { email: u.email, email_verified: false })
      const b = browser()
      const res = await b.get(await toCallback(b))
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('not verified')
      expect((await audit())[0]).toMatchObject({ action: 'auth.sso_refused', details: { reason: 'no_verified_email' } })
    })

    it('refuses a replayed callback: the state works once', async () => {
      const u = await createUser(t.db.db)
      op.signInAs('op-replay', { email: u.email, email_verified: true })
      const b = browser()
      const callback = await toCallback(b)
      const cookie = b.jars.get(APP_HOST)!.get('hubwork_oidc')!
      expect((await b.get(callback)).status).toBe(302)
      // The same callback again, with the same browser cookie put back: nothing.
      b.jars.get(APP_HOST)!.set('hubwork_oidc', cookie)
      b.jars.get(APP_HOST)!.delete('hubwork_session')
      const again = await b.get(callback)
      expect(again.status).toBe(400)
      expect(await again.text()).toContain('used already')
      expect(b.jars.get(APP_HOST)!.has('hubwork_session')).toBe(false)
    })

    it('refuses a callback in a browser other than the one that started the sign-in', async () => {
      const u = await createUser(t.db.db)
      op.signInAs('op-other', { email: u.email, email_verified: true })
      const callback = await toCallback(browser())
      const res = await browser().get(callback)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('another browser')
    })

    it('refuses an id token whose nonce is not the one of this sign-in', async () => {
      const u = await createUser(t.db.db)
      op.signInAs('op-nonce', { email: u.email, email_verified: true })
      const b = browser()
      // The app's own authorization request, as the browser would carry it…
      const start = await b.get(`http://${APP_HOST}/api/auth/oidc/oidc/start`)
      const authorize = new URL(start.headers.get('location')!)
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
      // …replaced by one with the same state and PKCE challenge but another nonce (a token minted for another sign-in).
      authorize.searchParams.set('nonce', 'a-nonce-of-another-sign-in')
      const { url } = await b.follow(authorize.href, isCallback)
      const res = await b.get(url)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('could not accept')
      expect((await audit())[0]).toMatchObject({ action: 'auth.sso_refused', details: { reason: 'protocol_error' } })
      expect((await audit())[0].details.detail).toMatch(/nonce/)
      expect(b.jars.get(APP_HOST)!.has('hubwork_session')).toBe(false)
    })

    it('logout ends the local session and hands back the provider\'s end-session URL', async () => {
      const u = await createUser(t.db.db)
      op.signInAs('op-logout', { email: u.email, email_verified: true })
      const b = browser()
      await b.get(await toCallback(b))
      const c = client(t.fetch, t.origin, `hubwork_session=${b.jars.get(APP_HOST)!.get('hubwork_session')}`)
      const out = await c.request('POST', '/api/auth/logout')
      expect(out.status).toBe(200)
      const end = new URL(out.body.endSessionUrl)
      expect(end.origin + end.pathname).toBe(`${op.issuer}/session/end`)
      expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`http://${APP_HOST}/login`)
      expect(end.searchParams.get('id_token_hint')).toBeTruthy()
      // The provider accepts it (its logout confirmation page).
      expect((await fetch(end, { redirect: 'manual' })).status).toBe(200)
      const me = await client(t.fetch, t.origin, `hubwork_session=${b.jars.get(APP_HOST)!.get('hubwork_session')}`).request('GET', '/api/me')
      expect(me.status).toBe(401)
    })

    it('a password session still logs out with 204', async () => {
      const u = await createUser(t.db.db)
      const c = client(t.fetch, t.origin)
      await c.login(u.email, TEST_PASSWORD)
      expect((await c.request('POST', '/api/auth/logout')).status).toBe(204)
    })
  })

  describe(`${engine}: password sign-in disabled (PASSWORD_LOGIN=0)`, () => {
    let op: TestProvider
    let t: TestApp
    beforeAll(async () => {
      op = await startTestProvider(['http://hubwork.test/api/auth/oidc/mfa-de/callback'])
      const providers = [{ id: 'mfa-de', name: 'Auswärtiges Amt', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret }]
      t = await openTestApp(engine, { PASSWORD_LOGIN: '0', OIDC_PROVIDERS: JSON.stringify(providers) })
    })
    afterAll(async () => {
      await t?.close()
      await op?.close()
    })

    it('refuses the right password, offers only the identity provider, and single sign-on works', async () => {
      const u = await createUser(t.db.db)
      const c = client(t.fetch, t.origin)
      const res = await c.login(u.email, TEST_PASSWORD)
      expect(res.status).toBe(403)
      expect(res.body.error.message).toMatch(/password sign-in is disabled/)
      expect(c.cookie).toBeNull()
      expect((await c.request('GET', '/api/auth/methods')).body).toEqual({ password: false, providers: [{ id: 'mfa-de', name: 'Auswärtiges Amt', startUrl: '/api/auth/oidc/mfa-de/start' }] })
      op.signInAs('de-1', { email: u.email, email_verified: true })
      const b = new RedirectBrowser(APP_HOST, t.fetch)
      const { url } = await b.follow(`http://${APP_HOST}/api/auth/oidc/mfa-de/start`, isCallback)
      expect((await b.get(url)).status).toBe(302)
      expect(b.jars.get(APP_HOST)!.has('hubwork_session')).toBe(true)
    })
  })
}
