import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastOf } from '../support/cast.js'
import { client } from '../support/http.js'
import { openEvents, type OpenStream } from '../support/sse.js'
import { until } from '../support/ws-client.js'

/**
 * A note created, renamed or re-scoped reaches colleagues' notes lists live (`event: note`), and
 * only those who may read the note: a hub-only note is never announced to Brussels or other hubs.
 */
for (const engine of ENGINES) {
  describe(`${engine}: notes live for colleagues`, () => {
    let t: TestServer
    let cast: CastOf<typeof TEAM>
    const streams: OpenStream[] = []
    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, TEAM)
    })
    afterAll(async () => {
      for (const s of streams) s.close()
      await t?.close()
    })
    const listen = async (who: keyof typeof TEAM.users) => {
      const s = await openEvents(t.url, cast.cookies[who])
      expect(s.status).toBe(200)
      streams.push(s)
      return s
    }

    it('announces a new note, a rename and a re-scoping to the readers of the note only', async () => {
      const [bob, hq, outsider] = [await listen('bob'), await listen('hq'), await listen('carol')]
      const alice = client(t.url, t.origin, cast.cookies.alice)
      const base = `/api/hubs/${cast.hubs.hub.id}/notes`

      const shared = await alice.request('POST', base, { title: 'For Brussels too', scope: 'hq' })
      expect(shared.status).toBe(201)
      await until(() => bob.count('note') === 1 && hq.count('note') === 1, 10_000, 'the new note announced')
      expect(bob.text()).toContain(`"noteId":"${shared.body.id}"`)

      const own = await alice.request('POST', base, { title: 'Among ourselves', scope: 'hub' })
      await until(() => bob.count('note') === 2, 10_000, 'the hub-only note announced to the hub')
      expect((await alice.request('PATCH', `${base}/${own.body.id}`, { title: 'Among ourselves, renamed' })).status).toBe(200)
      await until(() => bob.count('note') === 3, 10_000, 'the rename announced')

      // Opened up to Brussels: HQ hears of it now; closed again: HQ hears it is gone from its list.
      await alice.request('PATCH', `${base}/${own.body.id}`, { scope: 'hq' })
      await until(() => hq.count('note') === 2, 10_000, 'the widened note announced to HQ')
      await alice.request('PATCH', `${base}/${own.body.id}`, { scope: 'hub' })
      await until(() => hq.count('note') === 3 && bob.count('note') === 5, 10_000, 'the narrowed note announced')

      expect(hq.text()).not.toContain('Among ourselves')
      expect(outsider.count('note')).toBe(0)
    })
  })
}
