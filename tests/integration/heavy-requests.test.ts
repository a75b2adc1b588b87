import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastHub, type CastOf } from '../support/cast.js'
import { client as httpClient, type Client } from '../support/http.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'
import { restoreLexicalContent } from '../../server/history/lexical-restore.js'

const enc = encodeURIComponent

/** `n` words no two of which repeat in a row, different for each `seed`: a diff's worst case. */
function words(n: number, seed: string): string {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(`${seed}${(i * 7919) % 100_003}`)
  return out.join(' ')
}

/**
 * The slowest answer of `/api/health` while `heavy` runs. One request must never freeze the
 * server: the requirement is < 200 ms; the bound asserted is looser because the machine is shared.
 */
async function healthLatencyDuring(t: TestServer, heavy: Promise<unknown>): Promise<number> {
  let done = false
  void heavy.finally(() => (done = true))
  let worst = 0
  let probes = 0
  while (!done || probes < 3) {
    const started = performance.now()
    const res = await fetch(`${t.url}/api/health`)
    await res.arrayBuffer()
    worst = Math.max(worst, performance.now() - started)
    probes++
    await new Promise((r) => setTimeout(r, 20))
  }
  await heavy
  return worst
}

for (const engine of ENGINES) {
  describe(`${engine}: a heavy request never freezes the server`, () => {
    let t: TestServer
    let hub: CastHub
    let cast: CastOf<typeof TEAM>
    let alice: Client
    let hq: Client

    /** Writes `text` as the brief's live content and keeps it as a version; returns the version id. */
    async function briefVersion(text: string): Promise<number> {
      const doc = `hub/${hub.id}/brief`
      const target = await buildLexicalDoc([{ type: 'p', text }])
      await t.server.services.collab.editDoc(doc, { id: cast.ids.alice }, (live) => restoreLexicalContent(live, target))
      return t.server.services.collab.forceVersion(doc, 'test')
    }

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, TEAM)
      hub = cast.hubs.hub
      alice = httpClient(t.url, t.origin, cast.cookies.alice)
      hq = httpClient(t.url, t.origin, cast.cookies.hq)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('a diff of two 6,000-word texts: /api/health answers meanwhile; the diff answers 200 or a 422 in the error shape', async () => {
      const doc = `hub/${hub.id}/brief`
      const v1 = await briefVersion(words(6_000, 'alpha'))
      await briefVersion(words(6_000, 'beta'))
      const diff = alice.request('GET', `/api/docs/${enc(doc)}/versions/${v1}/diff`)
      const worst = await healthLatencyDuring(t, diff)
      console.info(`[${engine}] /api/health slowest answer during a 6,000-word diff: ${worst.toFixed(0)} ms`)
      expect(worst).toBeLessThan(1_000)
      const res = await diff
      expect([200, 422]).toContain(res.status)
      if (res.status === 422) expect(res.body.error).toEqual({ code: 'too_complex', message: expect.any(String) })
    })

    it('a version preview and a diff of a text over the cap → 413 in the error shape', async () => {
      const doc = `hub/${hub.id}/brief`
      const big = await briefVersion('x'.repeat(210_000))
      const diff = await alice.request('GET', `/api/docs/${enc(doc)}/versions/${big}/diff`)
      expect(diff.status).toBe(413)
      expect(diff.body.error).toEqual({ code: 'too_large', message: expect.any(String) })
    })

    it('a PDF progress report: /api/health answers meanwhile', async () => {
      const report = hq.request('GET', `/api/reports/progress?from=2020-01-01&to=2030-12-31&format=pdf`)
      const worst = await healthLatencyDuring(t, report)
      console.info(`[${engine}] /api/health slowest answer during a PDF report: ${worst.toFixed(0)} ms`)
      expect(worst).toBeLessThan(1_000)
      const res = await report
      expect(res.status).toBe(200)
      expect(res.text.startsWith('%PDF')).toBe(true)
    })

    it('deleted-entry search over a log: /api/health answers meanwhile', async () => {
      const doc = `hub/${hub.id}/log`
      const res = alice.request('GET', `/api/docs/${enc(doc)}/deleted`)
      const worst = await healthLatencyDuring(t, res)
      expect(worst).toBeLessThan(1_000)
      expect((await res).status).toBe(200)
    })
  })
}
