import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { client, type Client } from '../support/http.js'
import { ENGINES } from '../support/engines.js'
import { focalPointTraining } from '../../shared/focal-points.js'

/**
 * Digital focal points and their training (2023 ¶15): the hub's coordinators name the focal point
 * and record the training; the roll-up counts the EU delegations with a trained focal point and
 * names the gaps; a locked period keeps the focal points as they stood at the lock.
 */
const CAST = defineCast({
  hubs: { a: { missions: ['DE'] }, b: {}, c: {} },
  users: {
    coord: { hub: 'a', mission: 'EU', coordinator: true },
    staff: { hub: 'a', mission: 'DE' },
    peer: { hub: 'a', mission: 'EU' },
    other: { hub: 'b', mission: 'EU', coordinator: true },
    hq: { role: 'hq' },
    admin: { role: 'admin' },
  },
})

for (const engine of ENGINES) {
  describe(`${engine}: focal points and their training`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    const http: Record<string, Client> = {}
    let a: string
    const year = new Date().getUTCFullYear()
    const period = { id: `${year}-Fx`, start: `${year}-01-01`, end: `${year}-12-31`, briefDue: `${year + 1}-01-15` }
    const rollup = async () => (await http.hq.request('GET', `/api/rollup?from=${period.start}&to=${period.end}`)).body
    const focalOf = async (hubId: string) => (await http.hq.request('GET', `/api/hubs/${hubId}`)).body.focalPoint

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      a = cast.hubs.a.id
      for (const name of Object.keys(cast.cookies) as (keyof typeof cast.cookies)[]) http[name] = client(t.url, t.origin, cast.cookies[name])
    })
    afterAll(async () => {
      await t?.close()
    })

    it("lets only the hub's coordinators and admins name the focal point and record the training", async () => {
      const body = { userId: cast.ids.peer, trained: true, trainedOn: `${year}-02-03` }
      for (const who of ['staff', 'other', 'hq'] as const) expect((await http[who].request('PUT', `/api/hubs/${a}/focal-point`, body)).status).toBe(403)
      const set = await http.coord.request('PUT', `/api/hubs/${a}/focal-point`, body)
      expect(set.status).toBe(200)
      expect(set.body).toMatchObject({ hubId: a, userId: cast.ids.peer, trained: true, trainedOn: `${year}-02-03` })
      expect(Date.parse(set.body.since)).toBeGreaterThan(Date.now() - 60_000)
      expect(await focalOf(a)).toMatchObject({ userId: cast.ids.peer, trained: true, trainedOn: `${year}-02-03`, since: set.body.since })
      const audit = await t.db.db.selectFrom('audit_events').select(['action', 'details']).where('hub_id', '=', a).where('action', '=', 'focal_point.set').execute()
      expect(audit.at(-1)?.details).toMatchObject({ trained: true, trainedOn: `${year}-02-03` })
      expect((await http.admin.request('PUT', `/api/hubs/${a}/focal-point`, { userId: cast.ids.peer })).status).toBe(200)
      // The same person named again keeps their training and their "since".
      expect(await focalOf(a)).toMatchObject({ trained: true, trainedOn: `${year}-02-03`, since: set.body.since })
    })

    it('refuses a training day in the future, a date without training, and a non-member', async () => {
      const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
      const refused = await http.coord.request('PUT', `/api/hubs/${a}/focal-point`, { userId: cast.ids.peer, trained: true, trainedOn: future })
      expect(refused.status).toBe(400)
      expect(JSON.stringify(refused.body)).toContain('trainedOn')
      expect((await http.coord.request('PUT', `/api/hubs/${a}/focal-point`, { userId: cast.ids.peer, trained: false, trainedOn: `${year}-01-02` })).status).toBe(400)
      expect((await http.coord.request('PUT', `/api/hubs/${a}/focal-point`, { userId: cast.ids.other })).status).toBe(400)
      expect((await http.coord.request('PUT', `/api/hubs/${a}/focal-point`, { userId: 'not an id!' })).status).toBe(400)
      expect(await focalOf(a)).toMatchObject({ userId: cast.ids.peer, trained: true, trainedOn: `${year}-02-03` })
    })

    it('starts a new focal point untrained: training belongs to the person', async () => {
      await http.coord.request('PUT', `/api/hubs/${a}/focal-point`, { userId: cast.ids.coord })
      expect(await focalOf(a)).toMatchObject({ userId: cast.ids.coord, trained: false, trainedOn: null })
      await http.coord.request('PUT', `/api/hubs/${a}/focal-point`, { userId: cast.ids.peer, trained: true })
      expect(await focalOf(a)).toMatchObject({ userId: cast.ids.peer, trained: true, trainedOn: null })
    })

    it('counts the EU delegations with a trained focal point and names the gaps', async () => {
      await http.other.request('PUT', `/api/hubs/${cast.hubs.b.id}/focal-point`, { userId: cast.ids.other })
      const r = await rollup()
      expect(r.focalPoints).toHaveLength(3)
      const training = focalPointTraining(r)
      expect({ trained: training.trained, total: training.total }).toEqual({ trained: 1, total: 3 })
      expect(training.gaps).toEqual(
        expect.arrayContaining([
          { hubId: cast.hubs.b.id, reason: 'untrained', name: expect.any(String) },
          { hubId: cast.hubs.c.id, reason: 'none' },
        ]),
      )
      const report = await http.hq.request('GET', `/api/reports/progress?from=${period.start}&to=${period.end}&format=md`)
      expect(report.status).toBe(200)
      expect(report.text).toContain('EU delegations with a trained digital focal point: 1 / 3')
    })

    it('keeps the focal points of a locked period as they stood at the lock', async () => {
      expect((await http.admin.request('POST', '/api/periods', period)).status).toBe(201)
      expect((await http.admin.request('POST', `/api/periods/${period.id}/lock`)).status).toBe(200)
      await http.other.request('PUT', `/api/hubs/${cast.hubs.b.id}/focal-point`, { userId: cast.ids.other, trained: true })
      const frozen = (await http.hq.request('GET', `/api/rollup?period=${period.id}`)).body
      expect(focalPointTraining(frozen)).toMatchObject({ trained: 1, total: 3 })
      expect(focalPointTraining(await rollup())).toMatchObject({ trained: 2, total: 3 })
    })

    it('clears the focal point and its training when the person leaves the hub', async () => {
      expect((await http.coord.request('DELETE', `/api/hubs/${a}/members/${cast.ids.peer}`)).status).toBe(204)
      expect(await focalOf(a)).toBeNull()
      const row = await t.db.db.selectFrom('hubs').select(['focal_point_trained', 'focal_point_trained_on', 'focal_point_since']).where('id', '=', a).executeTakeFirstOrThrow()
      expect(row).toEqual({ focal_point_trained: false, focal_point_trained_on: null, focal_point_since: null })
    })
  })
}
