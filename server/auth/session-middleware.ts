import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.js'
import type { Config } from '../config.js'
import type { Actor } from '../../shared/access.js'
import { UnauthenticatedError } from '../errors.js'
import { SESSION_COOKIE } from './cookie-names.js'
import { lookupSession, sessionPolicyOf } from './request-identity.js'

/** Loads the signed-in actor from the session cookie, if any; never refuses by itself. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async function loadSession(c, next) {
    const found = await lookupSession(c.var.db, getCookie(c, SESSION_COOKIE), sessionPolicyOf(c.var.deps.config))
    if (found) {
      c.set('actor', found.actor)
      c.set('sessionHash', found.idHash)
    }
    await next()
  }
}

/**
 * The signed-in actor of a request.
 * @throws UnauthenticatedError (401) without a valid session
 */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.var.actor
  if (!actor) throw new UnauthenticatedError()
  return actor
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure behind https. */
export function setSessionCookie(c: Context<AppEnv>, config: Config, rawId: string): void {
  setCookie(c, SESSION_COOKIE, rawId, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: Math.floor(config.sessionMaxMs / 1000),
  })
}

/** Clears the session cookie in the browser. */
export function clearSessionCookie(c: Context<AppEnv>, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config.secureCookies })
}
