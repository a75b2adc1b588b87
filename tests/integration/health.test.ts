import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'

for (const engine of ENGINES) {
  describe(`${engine}: GET /api/health`, () => {
    let server: TestServer
    beforeAll(async () => {
      server = await startTestServer(engine)
    })
    afterAll(() => server?.close())

    it('answers ok with the engine name', async () => {
      const res = await fetch(`${server.url}/api/health`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok', database: engine })
    })

    it('answers unknown API routes with 404 in the error shape', async () => {
      const res = await fetch(`${server.url}/api/nope`)
      expect(res.status).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    })
  })
}
