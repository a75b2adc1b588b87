import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client, type Client } from '../support/http.js'
import { ENGINES } from '../support/engines.js'
import { createAction, createExchange } from '../../shared/log-doc.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'

/**
 * The Council cycle: admins create and lock reporting periods; a hub's coordinators submit the
 * living brief for a period (frozen as it is then), HQ acknowledges or returns it; locking freezes
 * the period's figures, so a locked period's roll-up no longer moves when the log is edited.
 */
const CAST = defineCast({
  hubs: { a: { missions: ['DE'] }, b: {} },
  users: {
    coord: { hub: 'a', mission: 'EU', coordinator: true },
    staff: { hub: 'a', mission: 'DE' },
    other: { hub: 'b', mission: 'EU', coordinator: true },
    hq: { role: 'hq' },
    cyber: { role: 'cyber' },
    admin: { role: 'admin' },
  },
})

for (const engine of ENGINES) {
  describe(`${engine}: reporting periods and the brief cycle`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    const http: Record<string, Client> = {}
    let hubId: string
    const year = new Date().getUTCFullYear()
    const closed = { id: `${year - 1}-H2`, start: `${year - 1}-07-01`, end: `${year - 1}-12-31`, briefDue: `${year}-01-15` }
    const open = { id: `${year}-Hx`, start: `${year}-01-01`, end: `${year}-12-31`, briefDue: `${year + 1}-01-15` }

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      hubId = cast.hubs.a.id
      for (const name of Object.keys(cast.cookies) as (keyof typeof cast.cookies)[]) http[name] = client(t.url, t.origin, cast.cookies[name])
      await appendUpdates(t.db.db, [{ doc: `hub/${hubId}/brief`, update: await buildLexicalDoc([{ type: 'h1', text: 'Hub brief' }, { type: 'p', text: 'First brief text.' }]), userId: cast.ids.coord }])
    })
    afterAll(async () => {
      await t?.close()
    })

    it('lets admins create periods, lists them newest first to everyone signed in', async () => {
      expect((await http.hq.request('POST', '/api/periods', closed)).status).toBe(403)
      expect((await http.admin.request('POST', '/api/periods', { ...closed, id: 'bad id!' })).status).toBe(400)
      expect((await http.admin.request('POST', '/api/periods', { ...closed, start: closed.end, end: closed.start })).status).toBe(400)
      expect((await http.admin.request('POST', '/api/periods', closed)).status).toBe(201)
      expect((await http.admin.request('POST', '/api/periods', closed)).status).toBe(409)
      expect((await http.admin.request('POST', '/api/periods', open)).body).toEqual({ ...open, locked: false, lockedAt: null })
      const list = await http.cyber.request('GET', '/api/periods')
      expect(list.status).toBe(200)
      expect(list.body.map((p: { id: string }) => p.id)).toEqual([open.id, closed.id])
      expect((await client(t.url, t.origin).request('GET', '/api/periods')).status).toBe(401)
    })

    it('runs the brief cycle: submit, return, submit again, acknowledge; each step by whom it belongs to', async () => {
      const base = `/api/hubs/${hubId}/briefs/${open.id}`
      expect((await http.coord.request('GET', `/api/hubs/${hubId}/briefs`)).body.find((b: { periodId: string }) => b.periodId === open.id)).toMatchObject({ status: 'draft', submittedAt: null })
      expect((await http.staff.request('POST', `${base}/submit`)).status).toBe(403)
      expect((await http.other.request('POST', `${base}/submit`)).status).toBe(403)
      expect((await http.hq.request('POST', `${base}/submit`)).status).toBe(403)
      expect((await http.hq.request('POST', `${base}/acknowledge`, {})).status).toBe(409)
      const submitted = await http.coord.request('POST', `${base}/submit`)
      expect(submitted.status).toBe(200)
      expect(submitted.body).toMatchObject({ periodId: open.id, status: 'submitted', submittedBy: cast.ids.coord })
      expect((await http.coord.request('POST', `${base}/acknowledge`, {})).status).toBe(403)
      expect((await http.hq.request('POST', `${base}/return`, {})).status).toBe(400)
      expect((await http.hq.request('POST', `${base}/return`, { note: 'Add the Global Gateway section.' })).body).toMatchObject({ status: 'returned', note: 'Add the Global Gateway section.' })
      expect((await http.coord.request('POST', `${base}/submit`)).body).toMatchObject({ status: 'submitted', note: null })
      const ack = await http.hq.request('POST', `${base}/acknowledge`, { note: 'Thank you.' })
      expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: cast.ids.hq, note: 'Thank you.' })
      expect((await http.coord.request('POST', `${base}/submit`)).status).toBe(409)
      expect((await http.cyber.request('GET', `/api/hubs/${hubId}/briefs`)).status).toBe(403)
      const audit = (await t.db.db.selectFrom('audit_events').select('action').where('hub_id', '=', hubId).execute()).map((a) => a.action)
      expect(audit.filter((a) => a.startsWith('brief.')).sort()).toEqual(['brief.acknowledged', 'brief.returned', 'brief.submitted', 'brief.submitted'])
    })

    it('keeps the submitted brief as it was, whatever is edited later', async () => {
      const live = connectClient(t.url, `hub/${hubId}/brief`, cast.cookies.coord, { origin: t.origin })
      try {
        await until(() => live.provider.synced, 10_000, 'brief synced')
        // A later edit of the living brief, stored like any other.
        await appendUpdates(t.db.db, [{ doc: `hub/${hubId}/brief`, update: await buildLexicalDoc([{ type: 'h1', text: 'Hub brief' }, { type: 'p', text: 'Rewritten after the submission.' }]), userId: cast.ids.coord }])
      } finally {
        live.destroy()
      }
      const frozen = await http.hq.request('GET', `/api/hubs/${hubId}/briefs/${open.id}`)
      expect(frozen.status).toBe(200)
      expect(frozen.body.text).toBe('Hub brief\nFirst brief text.')
      expect(frozen.body.state.length).toBeGreaterThan(0)
      expect((await http.hq.request('GET', `/api/hubs/${cast.hubs.b.id}/briefs/${open.id}`)).status).toBe(404)
      expect((await http.other.request('GET', `/api/hubs/${hubId}/briefs/${open.id}`)).status).toBe(403)
      // Submitted briefs are kept as versions marked so that pruning never removes them.
      const reasons = (await t.db.db.selectFrom('doc_versions').select('reason').where('doc', '=', `hub/${hubId}/brief`).execute()).map((r) => r.reason)
      expect(reasons.filter((r) => r.startsWith('submitted'))).toHaveLength(2)
    })

    it("names each hub's brief status in the period's report and quotes the brief as submitted", async () => {
      const md = (await http.hq.request('GET', `/api/reports/progress?period=${open.id}&format=md`)).text
      const section = md.slice(md.indexOf(`— Hub ${hubId}`))
      expect(section).toContain('Brief for the period: acknowledged by HQ.')
      expect(section).toContain('> First brief text.')
      expect(md).not.toContain('Rewritten after the submission.')
      const other = md.slice(md.indexOf(`— Hub ${cast.hubs.b.id}`))
      expect(other).toContain('Brief for the period: not submitted.')
      // A report of free dates quotes the living brief and names no status.
      const free = (await http.hq.request('GET', `/api/reports/progress?from=${open.start}&to=${open.end}&format=md`)).text
      expect(free).not.toContain('Brief for the period')
      expect((await http.hq.request('GET', `/api/reports/progress?period=${open.id}&format=pdf`)).status).toBe(200)
    })

    it('shows HQ every hub per period, late when not submitted by the due date', async () => {
      expect((await http.coord.request('GET', `/api/periods/${closed.id}/briefs`)).status).toBe(403)
      const rows = (await http.hq.request('GET', `/api/periods/${closed.id}/briefs`)).body as { hubId: string; status: string; late: boolean }[]
      expect(rows.find((r) => r.hubId === hubId)).toMatchObject({ status: 'draft', late: true })
      const openRows = (await http.hq.request('GET', `/api/periods/${open.id}/briefs`)).body as { hubId: string; status: string; late: boolean }[]
      expect(openRows.find((r) => r.hubId === hubId)).toMatchObject({ status: 'acknowledged', late: false })
      expect(openRows.find((r) => r.hubId === cast.hubs.b.id)).toMatchObject({ status: 'draft', late: false })
      expect((await http.hq.request('GET', '/api/periods/nope/briefs')).status).toBe(404)
    })

    it('freezes a locked period: its figures no longer move when the log is edited, an open one still does', async () => {
      const log = connectClient(t.url, `hub/${hubId}/log`, cast.cookies.staff, { origin: t.origin })
      try {
        await until(() => log.provider.synced, 10_000, 'log synced')
        createExchange(log.doc, { title: 'Before the lock', mission: 'DE', authorId: cast.ids.staff, createdAt: `${year - 1}-09-10T10:00:00.000Z`, themes: ['ai'] })
        const count = async (period: string) => {
          const r = (await http.hq.request('GET', `/api/rollup?period=${period}`)).body
          return (r.matrix as { hubId: string; exchanges: number; actions: number }[]).filter((m) => m.hubId === hubId).reduce((n, m) => n + m.exchanges + m.actions, 0)
        }
        await until(async () => (await count(closed.id)) === 1, 10_000, 'the exchange counted')
        expect(await count(open.id)).toBe(0)
        expect((await http.coord.request('POST', `/api/periods/${closed.id}/lock`)).status).toBe(403)
        const locked = await http.admin.request('POST', `/api/periods/${closed.id}/lock`)
        expect(locked.body).toMatchObject({ id: closed.id, locked: true })
        expect(locked.body.lockedAt).toEqual(expect.any(String))
        expect((await http.admin.request('POST', `/api/periods/${closed.id}/lock`)).status).toBe(409)
        const lockedRollup = (await http.hq.request('GET', `/api/rollup?period=${closed.id}`)).body
        expect(lockedRollup).toMatchObject({ from: closed.start, to: closed.end, asOf: new Date().toISOString().slice(0, 10) })
        // Edited after the lock: a second record in the locked period, one in the open period.
        createExchange(log.doc, { title: 'After the lock', mission: 'DE', authorId: cast.ids.staff, createdAt: `${year - 1}-10-10T10:00:00.000Z`, themes: ['ai'] })
        createAction(log.doc, { title: 'This year', mission: 'DE', authorId: cast.ids.staff, status: 'planned', themes: ['ai'] })
        await until(async () => (await count(open.id)) === 1, 10_000, 'the open period moves')
        // The live projection holds both exchanges of the locked period; its figures stay those of the lock.
        expect((await http.hq.request('GET', `/api/rollup?from=${closed.start}&to=${closed.end}`)).body.matrix.filter((m: { hubId: string }) => m.hubId === hubId).reduce((n: number, m: { exchanges: number }) => n + m.exchanges, 0)).toBe(2)
        expect(await count(closed.id)).toBe(1)
        // Its drill-down lists what the frozen figures counted, not what the log holds now.
        const drill = async (q: string) => ((await http.hq.request('GET', `/api/items?hubId=${hubId}&activeFrom=${closed.start}&activeTo=${closed.end}${q}`)).body as { title: string }[]).map((i) => i.title).sort()
        expect(await drill('')).toEqual(['After the lock', 'Before the lock'])
        expect(await drill(`&period=${closed.id}`)).toEqual(['Before the lock'])
        // Not readable now, not listed: the frozen copy never shows more than the live log would.
        expect((await http.other.request('GET', `/api/items?activeFrom=${closed.start}&activeTo=${closed.end}&period=${closed.id}`)).body.map((i: { hubId: string }) => i.hubId)).not.toContain(hubId)
        expect((await http.hq.request('GET', `/api/items?period=nope`)).status).toBe(404)
        const md = await http.hq.request('GET', `/api/reports/progress?period=${closed.id}&format=md`)
        expect(md.status).toBe(200)
        expect((await http.coord.request('POST', `/api/hubs/${hubId}/briefs/${closed.id}/submit`)).status).toBe(409)
        expect((await http.hq.request('POST', `/api/hubs/${hubId}/briefs/${closed.id}/return`, { note: 'late' })).status).toBe(409)
      } finally {
        log.destroy()
      }
      expect((await http.hq.request('GET', '/api/rollup?period=nope')).status).toBe(404)
      expect((await http.hq.request('GET', '/api/rollup')).status).toBe(400)
    })
  })
}
