import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp, type TestApp } from '../support/test-app.js'
import { CLIENT_DIST } from '../../server/app.js'

/** Headers are the same on every engine: one engine keeps the suite quick. */
describe('security headers on every response', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await openTestApp('pglite')
  })
  afterAll(async () => {
    await t?.close()
  })

  const expectHardened = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    return csp
  }

  it('the client page: a CSP with scripts from the origin only', async () => {
    const csp = expectHardened(await t.fetch('/'))
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).not.toMatch(/script-src[^;]*unsafe/)
    // The sync socket: the public origin's ws: address, no other host.
    expect(csp).toContain(`connect-src 'self' ${t.origin.replace(/^http/, 'ws')}`)
  })

  it('the service worker: from the origin only, asked again on every visit, hardened like the rest', async () => {
    const csp = expectHardened(await t.fetch('/'))
    expect(csp).toMatch(/worker-src 'self'(;|$)/)
    const res = await t.fetch('/sw.js')
    expectHardened(res)
    if (existsSync(path.join(CLIENT_DIST, 'sw.js'))) {
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(res.headers.get('content-type')).toContain('javascript')
    }
  })

  it('a static asset of the built client', async () => {
    const assets = path.join(CLIENT_DIST, 'assets')
    const file = existsSync(assets) ? readdirSync(assets).find((f) => f.endsWith('.js')) : undefined
    const res = await t.fetch(`/assets/${file ?? 'missing.js'}`)
    if (file) expect(res.status).toBe(200)
    expectHardened(res)
  })

  it('an API answer, an API error and the API reference page (no script at all)', async () => {
    expectHardened(await t.fetch('/api/health'))
    expectHardened(await t.fetch('/api/no-such-route'))
    const ref = await t.fetch('/api/reference')
    expect(ref.status).toBe(200)
    const csp = expectHardened(ref)
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('script-src')
  })
})
