import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { createNoteRow, sessionCookie } from '../support/factories.js'
import { openEvents, type OpenStream } from '../support/sse.js'
import { createExchange, updateItem } from '../../shared/log-doc.js'

// Inbox, live events and thread actions follow access as it is now, not as it was.
const CAST = defineCast({
  hubs: { hub: { missions: ['DE'] }, other: {} },
  users: {
    alice: { hub: 'hub', mission: 'EU', name: 'Alice Example' },
    bob: { hub: 'hub', mission: 'DE', name: 'Bob Beispiel' },
    dave: { hub: 'hub', mission: 'DE', name: 'Dave Departing' },
    erin: { hub: 'hub', mission: 'DE', name: 'Erin Elevated' },
    fred: { hub: 'hub', mission: 'EU', name: 'Fred Flood' },
    gail: { hub: 'hub', mission: 'EU', name: 'Gail Gone' },
    coord: { hub: 'hub', mission: 'DE', name: 'Cora Coordinator', coordinator: true },
    mia: { hub: 'hub', mission: 'DE', name: 'Mia Mentioner' },
    hq: { role: 'hq', name: 'Harriet HQ' },
    boss: { role: 'admin', name: 'Ada Admin' },
  },
})

for (const engine of ENGINES) {
  describe(`${engine}: inbox, live events and threads follow current access`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    let live: ReturnType<typeof connectClient>
    const streams: OpenStream[] = []
    const ids: Record<string, string> = {}
    const api = (who: keyof typeof CAST.users) => client(t.url, t.origin, cast.cookies[who])
    const path = (item: string, rest = '') => `/api/items/${encodeURIComponent(item)}${rest}`
    const open = async (cookie: string) => {
      const s = await openEvents(t.url, cookie)
      streams.push(s)
      return s
    }

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      const hub = cast.hubs.hub.id
      live = connectClient(t.url, `hub/${hub}/log`, cast.cookies.alice, { origin: t.origin })
      await until(() => live.provider.synced)
      for (const [key, crossCutting] of [['plain', false], ['cross', true], ['load', false]] as const) {
        ids[key + 'Entry'] = createExchange(live.doc, { title: `Item ${key}`, mission: 'EU', authorId: cast.ids.alice, crossCutting, themes: ['ai'] })
        ids[key] = `${hub}:exchange:${ids[key + 'Entry']}`
      }
      await until(async () => (await api('alice').request('GET', `/api/items?hubId=${hub}`)).body.length === 3, 10_000, 'items projected')
    })
    afterAll(async () => {
      for (const s of streams) s.close()
      live?.destroy()
      await t?.close()
    })

    it('a removed member sees no inbox entry of an item they can no longer read, gets no reply for it, and cannot resolve its thread', async () => {
      const hub = cast.hubs.hub.id
      expect((await api('dave').request('POST', path(ids.plain, '/comments'), { body: 'Dave was here' })).status).toBe(201)
      expect((await api('alice').request('POST', path(ids.plain, '/comments'), { body: 'Thanks @Dave Departing' })).status).toBe(201)
      expect((await api('dave').request('POST', path(ids.cross, '/input-request'))).status).toBe(204)
      expect((await api('dave').request('GET', '/api/inbox')).body.entries.length).toBeGreaterThan(0)
      const stream = await open(cast.cookies.dave)
      await until(() => stream.count('inbox') === 1, 5_000, 'initial count')
      expect((await api('coord').request('DELETE', `/api/hubs/${hub}/members/${cast.ids.dave}`)).status).toBe(204)
      // The stream was opened for Dave as a member: it ends with the membership.
      await until(() => stream.ended(), 5_000, 'stream of a removed member ends')
      updateItem(live.doc, ids.plainEntry, { title: 'Renamed secret plan' })
      await until(async () => (await api('alice').request('GET', path(ids.plain))).body.title === 'Renamed secret plan', 10_000, 'rename projected')
      expect((await api('alice').request('POST', path(ids.plain, '/comments'), { body: 'After Dave left' })).status).toBe(201)
      const inbox = (await api('dave').request('GET', '/api/inbox')).body
      expect(inbox.entries).toEqual([])
      expect(inbox.unread).toBe(0)
      expect(JSON.stringify(inbox)).not.toContain('Renamed secret plan')
      // Dave asked for input while a member; he is not one any more.
      expect((await api('dave').request('POST', path(ids.cross, '/resolve'))).status).toBe(403)
      expect((await api('dave').request('POST', path(ids.cross, '/input-request'))).status).toBe(403)
    })

    it('a live stream ends when its session does: logout, expiry, disable; and on a role change', async () => {
      const bobSession = await sessionCookie(t.db.db, cast.ids.bob)
      const atLogout = await open(bobSession)
      await until(() => atLogout.count('inbox') === 1, 5_000, 'stream open')
      expect((await client(t.url, t.origin, bobSession).request('POST', '/api/auth/logout')).status).toBe(204)
      await until(() => atLogout.ended(), 5_000, 'stream ends at logout')

      const expiring = await sessionCookie(t.db.db, cast.ids.bob)
      const atExpiry = await open(expiring)
      await until(() => atExpiry.count('inbox') === 1, 5_000, 'stream open')
      // Expired elsewhere (another process, the clock): the session row is gone.
      await t.db.db.deleteFrom('sessions').where('user_id', '=', cast.ids.bob).execute()
      await until(() => atExpiry.ended(), 5_000, 'stream ends when its session expires')

      const role = await open(cast.cookies.erin)
      await until(() => role.count('inbox') === 1, 5_000, 'stream open')
      expect((await api('boss').request('PATCH', `/api/admin/users/${cast.ids.erin}`, { role: 'hq' })).status).toBe(200)
      await until(() => role.ended(), 5_000, 'stream ends at a role change')

      const disabled = await open(cast.cookies.gail)
      await until(() => disabled.count('inbox') === 1, 5_000, 'stream open')
      expect((await api('boss').request('POST', `/api/admin/users/${cast.ids.gail}/disable`)).status).toBeLessThan(300)
      await until(() => disabled.ended(), 5_000, 'stream ends when its user is disabled')
    })

    it('keeps at most 5 streams per session: a sixth closes the oldest', async () => {
      const cookie = await sessionCookie(t.db.db, cast.ids.alice)
      const opened: OpenStream[] = []
      for (let i = 0; i < 6; i++) {
        opened.push(await open(cookie))
        await until(() => opened[i].count('inbox') === 1, 5_000, `stream ${i} open`)
      }
      await until(() => opened[0].ended(), 5_000, 'the oldest stream closes')
      expect(opened.slice(1).map((s) => s.ended())).toEqual([false, false, false, false, false])
    })

    it('emits nothing when nothing changed: reading no ids or already read ids', async () => {
      const stream = await open(cast.cookies.hq)
      await until(() => stream.count('inbox') === 1, 5_000, 'initial count')
      expect((await api('hq').request('POST', '/api/inbox/read', { ids: [] })).status).toBe(204)
      expect((await api('hq').request('POST', '/api/inbox/read', { ids: 'all' })).status).toBe(204)
      // A later event proves the earlier ones would have arrived by now.
      expect((await api('coord').request('POST', path(ids.plain, '/comments'), { body: 'Marker' })).status).toBe(201)
      await until(() => stream.count('thread') >= 1, 5_000, 'thread event')
      expect(stream.count('inbox')).toBe(1)
    })

    it('limits how fast one person posts comments (429 in the error shape), others unaffected', async () => {
      const statuses: number[] = []
      let limited: { error?: { code?: string } } | undefined
      for (let i = 0; i < 25; i++) {
        const res = await api('fred').request('POST', path(ids.plain, '/comments'), { body: 'x'.repeat(10_000) })
        statuses.push(res.status)
        if (res.status === 429) limited = res.body
      }
      expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true)
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429])
      expect(limited?.error?.code).toBe('rate_limited')
      expect((await api('alice').request('POST', path(ids.plain, '/comments'), { body: 'still fine' })).status).toBe(201)
      expect((await api('alice').request('POST', path(ids.plain, '/comments'), { body: 'x'.repeat(10_001) })).status).toBe(400)
    })

    it("editing another hub's note id through this hub's name never touches that note", async () => {
      const hub = cast.hubs.hub.id
      const foreign = 'foreign-note'
      await createNoteRow(t.db.db, cast.hubs.other.id, foreign)
      const own = await createNoteRow(t.db.db, hub, 'own-note')
      // Through the door: the name pairs this hub with a note it does not have.
      const sneaky = connectClient(t.url, `hub/${hub}/notes/${foreign}`, cast.cookies.alice, { origin: t.origin })
      await until(() => sneaky.closes.length > 0, 5_000, 'refused')
      sneaky.destroy()
      expect(sneaky.closes[0].code).toBe(4404)
      // And if such an edit were stored anyway, its activity follows the document's hub only.
      const collab = t.server.services.collab
      collab.events.emit('persisted', { doc: `hub/${hub}/notes/${foreign}`, seq: 1, userId: cast.ids.alice })
      collab.events.emit('persisted', { doc: own, seq: 1, userId: cast.ids.alice })
      const by = (id: string) => t.db.db.selectFrom('notes').select('updated_by').where('id', '=', id).executeTakeFirstOrThrow()
      await until(async () => (await by('own-note')).updated_by === cast.ids.alice, 5_000, 'own note touched')
      expect((await by(foreign)).updated_by).toBeNull()
    })

    it("200 open streams and 20 mentions: one unread count per mentioned person, and another user's /api/me stays fast", async () => {
      const cookies = await Promise.all(Array.from({ length: 40 }, () => sessionCookie(t.db.db, cast.ids.alice)))
      const many = await Promise.all(Array.from({ length: 200 }, (_, i) => open(cookies[i % 40])))
      await until(() => many.every((s) => s.count('inbox') >= 1), 20_000, '200 streams open')
      // Counts the unread-count queries the fan-out asks of the database (one per stream per event before).
      const executor = t.db.db.getExecutor()
      const execute = executor.executeQuery.bind(executor)
      let unreadQueries = 0
      executor.executeQuery = ((q: { sql: string }, o?: unknown) => {
        if (/count/i.test(q.sql) && q.sql.includes('inbox_entries')) unreadQueries++
        return execute(q as never, o as never)
      }) as typeof executor.executeQuery
      const posts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => api('mia').request('POST', path(ids.load, '/comments'), { body: `@Alice Example look ${i}` })),
      )
      expect(posts.every((r) => r.status === 201)).toBe(true)
      // Asked while 200 streams are told of 20 new mentions: it must not queue behind one count per stream.
      const started = performance.now()
      const me = await api('hq').request('GET', '/api/me')
      const meMs = performance.now() - started
      expect(me.status).toBe(200)
      await until(() => many.every((s) => s.count('inbox') >= 2), 20_000, 'counts pushed')
      executor.executeQuery = execute
      console.log(`[${engine}] /api/me with 200 streams + 20 mentions: ${meMs.toFixed(0)} ms; unread counts asked: ${unreadQueries}`)
      // One count per affected user per event (20 mentions of one person), not one per open stream.
      expect(unreadQueries).toBeLessThanOrEqual(25)
      expect(meMs).toBeLessThan(2_000)
      for (const s of many) s.close()
    })
  })
}
