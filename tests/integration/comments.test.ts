import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEvents } from '../support/sse.js'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, TEAM, type CastHub, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { createExchange, readLogItem } from '../../shared/log-doc.js'

const CAST = defineCast({
  hubs: { hub: { missions: ['DE'] }, other: {} },
  users: { ...TEAM.users, coord: { hub: 'hub', mission: 'DE', name: 'Cora Coordinator', coordinator: true } },
})

for (const engine of ENGINES) {
  describe(`${engine}: comment threads, input requests, inbox`, () => {
    let t: TestServer
    let hub: CastHub
    let cast: CastOf<typeof CAST>
    const clients: { destroy(): void }[] = []
    let cross = ''
    let plain = ''
    let live: ReturnType<typeof connectClient>
    const api = (who: keyof typeof CAST.users) => client(t.url, t.origin, cast.cookies[who])

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      hub = cast.hubs.hub
      live = connectClient(t.url, `hub/${hub.id}/log`, cast.cookies.alice, { origin: t.origin })
      clients.push(live)
      await until(() => live.provider.synced)
      const crossId = createExchange(live.doc, { title: 'Cable landing security', mission: 'EU', authorId: cast.ids.alice, crossCutting: true, themes: ['cybersecurity'] })
      const plainId = createExchange(live.doc, { title: 'Visit planning', mission: 'EU', authorId: cast.ids.alice, crossCutting: false, themes: ['ai'] })
      await until(async () => (await api('alice').request('GET', `/api/items?hubId=${hub.id}`)).body.length === 2)
      cross = `${hub.id}:exchange:${crossId}`
      plain = `${hub.id}:exchange:${plainId}`
    })
    afterAll(async () => {
      for (const c of clients) c.destroy()
      await t?.close()
    })
    const path = (item: string, rest = '') => `/api/items/${encodeURIComponent(item)}${rest}`

    it('lets each role read and comment only where access allows', async () => {
      expect((await api('alice').request('POST', path(plain, '/comments'), { body: 'Internal note' })).status).toBe(201)
      expect((await api('cyber').request('GET', path(plain, '/comments'))).status).toBe(403)
      expect((await api('cyber').request('POST', path(plain, '/comments'), { body: 'x' })).status).toBe(403)
      expect((await api('carol').request('GET', path(plain, '/comments'))).status).toBe(403)
      expect((await api('carol').request('GET', path(cross, '/comments'))).status).toBe(403)
      const hq = await api('hq').request('GET', path(plain, '/comments'))
      expect(hq.status).toBe(200)
      expect(hq.body[0]).toMatchObject({ authorName: 'Alice Example', body: 'Internal note', itemId: plain })
      expect((await api('hq').request('GET', path(`${hub.id}:exchange:missing`, '/comments'))).status).toBe(404)
      expect((await api('alice').request('POST', path(plain, '/comments'), { body: '   ' })).status).toBe(400)
      expect((await client(t.url, t.origin).request('GET', path(plain, '/comments'))).status).toBe(401)
    })

    it('stores unsafe content exactly as typed', async () => {
      const nasty = '<script>alert(1)</script> [x](javascript:alert(1)) \u202Egnp.exe 🇪🇺'
      const res = await api('alice').request('POST', path(plain, '/comments'), { body: nasty })
      expect(res.status).toBe(201)
      const list = (await api('alice').request('GET', path(plain, '/comments'))).body
      expect(list.at(-1).body).toBe(nasty)
    })

    it('edits and deletes only one’s own comments; a deleted comment leaves a marker without text', async () => {
      const posted = (await api('bob').request('POST', path(plain, '/comments'), { body: 'Typo here' })).body
      expect((await api('alice').request('PATCH', path(plain, `/comments/${posted.id}`), { body: 'hijack' })).status).toBe(403)
      expect((await api('alice').request('DELETE', path(plain, `/comments/${posted.id}`))).status).toBe(403)
      expect((await api('bob').request('PATCH', path(plain, `/comments/${posted.id}`), { body: 'Fixed, @Cora Coordinator' })).status).toBe(204)
      // The edit mentioned someone new: they hear of it.
      const coraInbox = (await api('coord').request('GET', '/api/inbox')).body
      expect(coraInbox.entries.map((e: { kind: string; commentId: string }) => [e.kind, e.commentId])).toContainEqual(['mention', posted.id])
      // The entry quotes what was said; once the comment is deleted, it no longer does.
      expect(coraInbox.entries.find((e: { commentId: string }) => e.commentId === posted.id).excerpt).toBe('Fixed, @Cora Coordinator')
      let mine = (await api('bob').request('GET', path(plain, '/comments'))).body.find((c: { id: string }) => c.id === posted.id)
      expect(mine).toMatchObject({ body: 'Fixed, @Cora Coordinator', deleted: false })
      expect(mine.editedAt).not.toBeNull()
      expect((await api('bob').request('DELETE', path(plain, `/comments/${posted.id}`))).status).toBe(204)
      mine = (await api('bob').request('GET', path(plain, '/comments'))).body.find((c: { id: string }) => c.id === posted.id)
      expect(mine).toMatchObject({ body: '', deleted: true })
      const stored = await t.db.db.selectFrom('comments').select('body').where('id', '=', posted.id).executeTakeFirstOrThrow()
      expect(stored.body).toBe('')
      const after = (await api('coord').request('GET', '/api/inbox')).body
      expect(after.entries.find((e: { commentId: string }) => e.commentId === posted.id).excerpt).toBeNull()
    })

    it('input request → cyber sees it → first cyber comment provides input (live in the log) → resolve by allowed roles only', async () => {
      expect((await api('cyber').request('POST', path(cross, '/input-request'))).status).toBe(403)
      expect((await api('alice').request('POST', path(plain, '/input-request'))).status).toBe(403)
      expect((await api('alice').request('POST', path(cross, '/input-request'))).status).toBe(204)
      const board = (await api('cyber').request('GET', '/api/items?crossCutting=true&inputStatus=awaiting_input')).body
      expect(board.map((i: { id: string }) => i.id)).toEqual([cross])
      const cyberInbox = (await api('cyber').request('GET', '/api/inbox')).body
      expect(cyberInbox.unread).toBe(1)
      expect(cyberInbox.entries[0]).toMatchObject({ kind: 'input_request', itemId: cross })
      const answer = await api('cyber').request('POST', path(cross, '/comments'), { body: 'See the toolbox guidance, @Alice Example and @Bob Beispiel.' })
      expect(answer.status).toBe(201)
      // The state reached the live log document of the hub's members, written by the server.
      await until(() => readLogItem(live.doc, cross.split(':')[2])?.inputStatus === 'input_provided', 5_000, 'input provided in the log')
      expect((await api('alice').request('GET', path(cross))).body.inputStatus).toBe('input_provided')
      const aliceInbox = (await api('alice').request('GET', '/api/inbox')).body
      expect(aliceInbox.entries.map((e: { kind: string; itemId: string }) => e.kind + ' ' + e.itemId).sort()).toEqual([
        'input_provided ' + cross,
        'mention ' + cross,
        // Bob commented on a thread Alice took part in, earlier.
        'reply ' + plain,
      ])
      expect((await api('bob').request('GET', '/api/inbox')).body.entries.map((e: { kind: string }) => e.kind)).toEqual(['mention'])
      expect((await api('bob').request('POST', path(cross, '/resolve'))).status).toBe(403)
      expect((await api('cyber').request('POST', path(cross, '/resolve'))).status).toBe(403)
      expect((await api('coord').request('POST', path(cross, '/resolve'))).status).toBe(204)
      await until(() => readLogItem(live.doc, cross.split(':')[2])?.inputStatus === 'resolved', 5_000, 'resolved in the log')
      expect((await api('alice').request('POST', '/api/inbox/read', { ids: 'all' })).status).toBe(204)
      expect((await api('alice').request('GET', '/api/inbox')).body.unread).toBe(0)
      expect((await api('alice').request('GET', `/api/items?hubId=${hub.id}`)).body.find((i: { id: string }) => i.id === plain).commentCount).toBe(2)
    })

    it('pushes thread changes and inbox counts over Server-Sent Events, only to those who may read', async () => {
      const open = (who: keyof typeof CAST.users) => openEvents(t.url, cast.cookies[who])
      const bob = await open('bob')
      const carol = await open('carol')
      await until(() => bob.text().includes('event: inbox'), 5_000, 'initial inbox count')
      await api('alice').request('POST', path(plain, '/comments'), { body: 'Live one' })
      await until(() => bob.text().includes(`"itemId":"${plain}"`), 5_000, 'thread event')
      expect(carol.text()).not.toContain(plain)
      bob.close()
      carol.close()
    })
  })

  it(`${engine}: a server with open live streams still stops promptly`, async () => {
    const t2 = await startTestServer(engine)
    const { hq } = (await createCast(t2.db.db, { users: { hq: { role: 'hq' } } })).cookies
    const res = await fetch(`${t2.url}/api/events`, { headers: { cookie: hq } })
    const reader = res.body!.getReader()
    await reader.read()
    const started = Date.now()
    await t2.close()
    expect(Date.now() - started).toBeLessThan(5_000)
    await reader.cancel().catch(() => {})
  })
}
