import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.js'
import { checkLogin } from '../auth/login.js'
import { createSession, deleteSession, deleteUserSessions, hashSessionId, loadActor } from '../auth/session-store.js'
import { SESSION_COOKIE } from '../auth/cookie-names.js'
import {
  clearSessionCookie,
  requireActor,
  setSessionCookie,
} from '../auth/session-middleware.js'
import { ForbiddenError, UnauthenticatedError } from '../errors.js'
import { spendPasswordToken } from '../auth/password-tokens.js'
import { hashPassword } from '../auth/passwords.js'
import { z } from 'zod'
import { Limits } from '../../shared/limits.js'
import { findOidcSession } from '../auth/oidc.js'

const SetPasswordInput = z.object({
  token: z.string().min(1, 'must not be empty').max(100, 'is too long'),
  password: z.string().min(Limits.password.min, `must be at least ${Limits.password.min} characters`).max(Limits.password.max, 'is too long'),
})
import { LoginInput } from '../../shared/schemas/auth.js'
import { clientAddress } from './client-address.js'
import { presentLogin } from './present/me.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'

/** `/api/auth`: sign in and out. */
export const auth = new Hono<AppEnv>()
  .post('/login', validate('json', LoginInput), async (c) => {
    const { db, deps } = c.var
    const { email, password } = c.req.valid('json')
    if (!deps.config.passwordLogin) throw new ForbiddenError('password sign-in is disabled here: sign in with your organisation')
    const ip = clientAddress(c)
    let userId: string
    try {
      userId = await checkLogin(db, email, password, ip)
    } catch (err) {
      await audit(c, { action: 'auth.login_failed', actor: null, actorEmail: email.toLowerCase(), details: { reason: (err as Error).name } })
      throw err
    }
    // A new id at every sign-in: a session id planted before login (fixation) is worth nothing.
    const previous = getCookie(c, SESSION_COOKIE)
    if (previous) await deleteSession(db, hashSessionId(previous))
    const session = await createSession(
      db,
      userId,
      { idleMs: deps.config.sessionIdleMs, maxMs: deps.config.sessionMaxMs },
      { ip, userAgent: c.req.header('user-agent') ?? null },
    )
    const actor = await loadActor(db, userId)
    if (!actor) throw new UnauthenticatedError()
    setSessionCookie(c, deps.config, session.rawId)
    deps.logger.info({ userId, ip }, 'signed in')
    await audit(c, { action: 'auth.login', actor: { id: actor.id, email: actor.email } })
    return c.json(presentLogin(actor))
  })
  .post('/set-password', validate('json', SetPasswordInput), async (c) => {
    const { token, password } = c.req.valid('json')
    const userId = await spendPasswordToken(c.var.db, token)
    if (!userId) throw new ForbiddenError('this link is not valid any more: ask an administrator for a new one')
    await c.var.db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', userId).execute()
    // A new password through a link ends every session: whoever signed in with the old one is out.
    await deleteUserSessions(c.var.db, userId)
    c.var.deps.services.live.accessLost(userId)
    await audit(c, { action: 'auth.password_set', actor: null, target: { type: 'user', id: userId } })
    return c.body(null, 204)
  })
  .post('/logout', async (c) => {
    requireActor(c)
    // A session from an identity provider that offers RP-initiated logout: the browser goes there next.
    const sso = c.var.sessionHash ? await findOidcSession(c.var.db, c.var.sessionHash) : undefined
    const endSessionUrl = sso ? await c.var.deps.services.oidc.endSessionUrl(sso.provider_id, sso.id_token) : null
    if (c.var.sessionHash) {
      await deleteSession(c.var.db, c.var.sessionHash)
      // Sockets and streams opened with this session end with it, on every process (cluster/live-bridge.ts).
      c.var.deps.services.live.endSessions([c.var.sessionHash])
    }
    clearSessionCookie(c, c.var.deps.config)
    await audit(c, { action: 'auth.logout', ...(sso ? { details: { provider: sso.provider_id } } : {}) })
    if (endSessionUrl) return c.json({ endSessionUrl })
    return c.body(null, 204)
  })

