import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.js'
import { ForbiddenError } from '../errors.js'
import { SESSION_COOKIE } from '../auth/cookie-names.js'
import { isAllowedOrigin } from '../auth/request-identity.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence: a state-changing request that carries the session cookie must carry
 * `Origin: PUBLIC_ORIGIN`. Browsers send Origin on every cross-site and same-site POST.
 */
export function originGuard(publicOrigin: string): MiddlewareHandler<AppEnv> {
  return async function checkOrigin(c, next) {
    if (!SAFE_METHODS.has(c.req.method) && getCookie(c, SESSION_COOKIE) !== undefined) {
      const origin = c.req.header('origin')
      if (!isAllowedOrigin(origin, publicOrigin, 'refuse')) {
        throw new ForbiddenError(`Origin ${origin ?? '(none)'} is not allowed; expected ${publicOrigin}`)
      }
    }
    await next()
  }
}
