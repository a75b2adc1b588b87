import type { MiddlewareHandler } from 'hono'

/**
 * The client: scripts and styles from the origin only (Vite's build has no inline script); inline
 * style attributes stay allowed because React and Lexical set them (cursors, presence colours);
 * sockets and fetches to the origin only; no framing by anyone (clickjacking).
 */
const clientCsp = (publicOrigin: string) => [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // 'self' covers ws: to the same host only in newer browsers: the sync socket's origin is named.
  `connect-src 'self' ${publicOrigin.replace(/^http/, 'ws')}`,
  // The service worker (client/offline) is the origin's own /sw.js; nothing else may run as a worker.
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The API reference is one self-contained page: its own inline stylesheet, nothing else. */
const REFERENCE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Hardening headers on every response: API answers and errors, the client, static files. */
export function securityHeaders(publicOrigin: string): MiddlewareHandler {
  const CLIENT_CSP = clientCsp(publicOrigin)
  return async function setSecurityHeaders(c, next) {
    await next()
    const h = c.res.headers
    h.set('Content-Security-Policy', c.req.path === '/api/reference' ? REFERENCE_CSP : CLIENT_CSP)
    h.set('X-Frame-Options', 'DENY')
    h.set('X-Content-Type-Options', 'nosniff')
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin')
  }
}
