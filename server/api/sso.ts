import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.js'
import { SESSION_COOKIE } from '../auth/cookie-names.js'
import { createSession, deleteSession, hashSessionId, loadActor } from '../auth/session-store.js'
import { setSessionCookie } from '../auth/session-middleware.js'
import { OIDC_BROWSER_COOKIE, OIDC_LOGIN_TTL_MS, recordOidcSession, type OidcOutcome } from '../auth/oidc.js'
import { NotFoundError, RateLimitedError } from '../errors.js'
import { clientAddress } from './client-address.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'

const ProviderParams = z.object({ provider: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a provider id') })

/** What the sign-in page offers: the password form (unless disabled) and one button per identity provider. */
export const SignInMethods = z.object({
  password: z.boolean(),
  providers: z.array(z.object({ id: z.string(), name: z.string(), startUrl: z.string() })),
})

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** A page of its own (no script; the client's CSP applies): the callback is a browser navigation, not a fetch. */
function refusalPage(c: Context<AppEnv>, title: string, text: string, status: 400 | 403 | 503) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Hubwork</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}h1{font-size:1.4rem}a{color:#0b4f9c}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/login">Back to the sign-in page</a></p></main></body></html>`
  return c.html(html, status)
}

const REFUSALS: Record<Exclude<OidcOutcome, { ok: true }>['reason'], { title: string; text: (email?: string) => string; status: 400 | 403 }> = {
  unknown_account: {
    title: 'No Hubwork account for this address',
    text: (email) => `Your organisation signed you in as ${email ?? 'this person'}, but Hubwork has no account with that e-mail address. Accounts are created by the administrators: ask them to invite you with this address.`,
    status: 403,
  },
  no_verified_email: {
    title: 'Your e-mail address is not verified',
    text: () => 'Your organisation did not confirm your e-mail address, and Hubwork matches people by a verified address only. Ask your organisation to verify it, or an administrator for help.',
    status: 403,
  },
  replayed_or_expired: {
    title: 'This sign-in link has expired',
    text: () => 'This sign-in was used already or took too long. Start again from the sign-in page.',
    status: 400,
  },
  other_browser: {
    title: 'Sign-in started in another browser',
    text: () => 'This sign-in was started in another browser or window. Start again from the sign-in page, in this browser.',
    status: 400,
  },
  protocol_error: {
    title: 'The sign-in did not complete',
    text: () => 'Your organisation’s sign-in service gave an answer Hubwork could not accept. Start again from the sign-in page; if it goes on, tell an administrator.',
    status: 400,
  },
}

/** `/api/auth`: single sign-on through OpenID Connect identity providers. */
export const sso = new Hono<AppEnv>()
  .get('/methods', (c) => {
    const { config, services } = c.var.deps
    return c.json({
      password: config.passwordLogin,
      providers: services.oidc.providers.map((p) => ({ id: p.id, name: p.name, startUrl: `/api/auth/oidc/${p.id}/start` })),
    } satisfies z.infer<typeof SignInMethods>)
  })
  .get('/oidc/:provider/start', validate('param', ProviderParams), async (c) => {
    const { services, config } = c.var.deps
    const provider = services.oidc.find(c.req.valid('param').provider)
    if (!provider) throw new NotFoundError('identity provider')
    let started: { url: string; browserToken: string }
    try {
      started = await services.oidc.start(c.var.db, provider)
    } catch (err) {
      if (err instanceof RateLimitedError) throw err
      c.var.deps.logger.warn({ provider: provider.id, err: (err as Error).message }, 'identity provider unreachable')
      return refusalPage(c, `${provider.name} does not answer`, `Hubwork could not reach the sign-in service of ${provider.name}. Try again in a moment.`, 503)
    }
    const { url, browserToken } = started
    setCookie(c, OIDC_BROWSER_COOKIE, browserToken, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: config.secureCookies,
      path: `/api/auth/oidc/${provider.id}`,
      maxAge: Math.floor(OIDC_LOGIN_TTL_MS / 1000),
    })
    return c.redirect(url, 302)
  })
  .get('/oidc/:provider/callback', validate('param', ProviderParams), async (c) => {
    const { services, config, logger } = c.var.deps
    const provider = services.oidc.find(c.req.valid('param').provider)
    if (!provider) throw new NotFoundError('identity provider')
    const browserToken = getCookie(c, OIDC_BROWSER_COOKIE)
    deleteCookie(c, OIDC_BROWSER_COOKIE, { path: `/api/auth/oidc/${provider.id}`, secure: config.secureCookies })
    // openid-client compares the callback with the registered redirect URI: rebuild it on the public origin.
    const callbackUrl = new URL(services.oidc.redirectUri(provider.id))
    callbackUrl.search = new URL(c.req.url).search
    const outcome = await services.oidc.finish(c.var.db, provider, callbackUrl, browserToken)
    if (!outcome.ok) {
      await audit(c, { action: 'auth.sso_refused', actor: null, actorEmail: outcome.email, details: { provider: provider.id, reason: outcome.reason, ...(outcome.detail ? { detail: outcome.detail } : {}) } })
      logger.info({ provider: provider.id, reason: outcome.reason }, 'single sign-on refused')
      const r = REFUSALS[outcome.reason]
      return refusalPage(c, r.title, r.text(outcome.email), r.status)
    }
    const ip = clientAddress(c)
    const previous = getCookie(c, SESSION_COOKIE)
    if (previous) await deleteSession(c.var.db, hashSessionId(previous))
    const session = await createSession(c.var.db, outcome.userId, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }, { ip, userAgent: c.req.header('user-agent') ?? null })
    await recordOidcSession(c.var.db, session.idHash, provider.id, outcome.idToken)
    const actor = await loadActor(c.var.db, outcome.userId)
    setSessionCookie(c, config, session.rawId)
    await audit(c, { action: 'auth.login', actor: actor ? { id: actor.id, email: actor.email } : null, details: { method: 'oidc', provider: provider.id } })
    return c.redirect('/', 302)
  })
