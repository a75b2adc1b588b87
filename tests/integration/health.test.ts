import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { openTestApp, type TestApp } from '../support/test-app.js'

for (const engine of ENGINES) {
  describe(`${engine}: GET /api/health`, () => {
    let server: TestApp
    beforeAll(async () => {
      server = await openTestApp(engine)
    })
    afterAll(() => server?.close())

    it('answers ok with the engine name', async () => {
      const res = await server.fetch('/api/health')
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok', database: engine })
    })

    it('answers unknown API routes with 404 in the error shape', async () => {
      const res = await server.fetch('/api/nope')
      expect(res.status).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    })
  })
}
