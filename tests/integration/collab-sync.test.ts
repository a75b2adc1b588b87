import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastHub, type CastOf } from '../support/cast.js'
import { createNoteRow, sessionCookie } from '../support/factories.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { readDocState } from '../../server/db/update-store.js'

const CAST = TEAM

for (const engine of ENGINES) {
  describe(`${engine}: sync endpoint`, () => {
    let t: TestServer
    let hub: CastHub
    let cast: CastOf<typeof CAST>
    const clients: { destroy(): void }[] = []
    const connect = (doc: string, who: keyof typeof CAST.users | null, opts: { origin?: string } = {}) => {
      const c = connectClient(t.url, doc, who ? cast.cookies[who] : null, { origin: opts.origin ?? t.origin })
      clients.push(c)
      return c
    }

    beforeAll(async () => {
      t = await startTestServer(engine, {}, { idleUnloadMs: 200, versionIntervalMs: 60_000 })
      cast = await createCast(t.db.db, CAST)
      hub = cast.hubs.hub
    })
    afterAll(async () => {
      for (const c of clients) c.destroy()
      await t?.close()
    })

    it('syncs real WebsocketProvider clients, storing before relaying', async () => {
      const doc = await createNoteRow(t.db.db, hub.id, 'n1')
      const a = connect(doc, 'alice')
      const b = connect(doc, 'bob')
      await until(() => a.provider.synced && b.provider.synced, 10_000, 'sync')
      a.doc.getText('t').insert(0, 'Hello from Abuja. ')
      b.doc.getText('t').insert(0, 'Guten Tag. ')
      await until(() => a.doc.getText('t').toString() === b.doc.getText('t').toString() && a.doc.getText('t').length > 20)
      const stored = await readDocState(t.db.db, doc)
      const check = new Y.Doc()
      Y.applyUpdate(check, stored!.update)
      expect(check.getText('t').toString()).toBe(a.doc.getText('t').toString())
      const users = await t.db.db.selectFrom('doc_updates').select('user_id').where('doc', '=', doc).execute()
      expect(new Set(users.map((u) => u.user_id))).toEqual(new Set([cast.ids.alice, cast.ids.bob]))
    })

    it('refuses without a session (4401), to another hub (4403), with a foreign Origin (4403), unknown names (4404)', async () => {
      const doc = `hub/${hub.id}/brief`
      const anonymous = connect(doc, null)
      const outsider = connect(doc, 'carol')
      const cyber = connect(doc, 'cyber')
      const evil = connect(doc, 'alice', { origin: 'http://evil.example' })
      const bogus = connect('hub/x/../etc', 'alice')
      await until(() => [anonymous, outsider, cyber, evil, bogus].every((c) => c.closes.length > 0))
      expect(anonymous.closes[0].code).toBe(4401)
      expect(outsider.closes[0].code).toBe(4403)
      expect(cyber.closes[0].code).toBe(4403)
      expect(evil.closes[0].code).toBe(4403)
      expect(bogus.closes[0].code).toBe(4404)
      expect(t.server.services.collab!.openRooms()).not.toContain(doc)
    })

    it('closes a socket with 4401 as soon as its session ends (logout, or expiry found by the sweep)', async () => {
      const doc = await createNoteRow(t.db.db, hub.id, 'session-end')
      const logoutCookie = await sessionCookie(t.db.db, cast.ids.bob)
      const viaLogout = connectClient(t.url, doc, logoutCookie, { origin: t.origin })
      const expiring = connect(doc, 'alice')
      const otherSession = connect(doc, 'bob')
      clients.push(viaLogout)
      await until(() => viaLogout.provider.synced && expiring.provider.synced && otherSession.provider.synced)
      const res = await client(t.url, t.origin, logoutCookie).request('POST', '/api/auth/logout')
      expect(res.status).toBe(204)
      await until(() => viaLogout.closes.length > 0, 2_000, 'close after logout')
      expect(viaLogout.closes[0].code).toBe(4401)
      // Expiry: the session row goes (as an idle session is removed); the sweep closes the socket.
      await t.db.db.deleteFrom('sessions').where('user_id', '=', cast.ids.alice).execute()
      await until(() => expiring.closes.length > 0, 3_000, 'close after expiry')
      expect(expiring.closes[0].code).toBe(4401)
      // The same user's other session, and its socket, are untouched.
      expect(otherSession.closes).toEqual([])
      otherSession.doc.getText('t').insert(0, 'still here')
      await until(async () => ((await readDocState(t.db.db, doc))?.update.byteLength ?? 0) > 0)
      cast.cookies.alice = await sessionCookie(t.db.db, cast.ids.alice)
    })

    it("moves a note's last edited time and editor as its document is edited", async () => {
      const created = await client(t.url, t.origin, cast.cookies.alice).request('POST', `/api/hubs/${hub.id}/notes`, { title: 'Agenda' })
      expect(created.status).toBe(201)
      const b = connect(created.body.docName, 'bob')
      await until(() => b.provider.synced)
      b.doc.getText('t').insert(0, 'Item one')
      await until(async () => {
        const list = await client(t.url, t.origin, cast.cookies.alice).request('GET', `/api/hubs/${hub.id}/notes`)
        return list.body.find((n: { id: string }) => n.id === created.body.id)?.updatedBy?.name === 'Bob Beispiel'
      }, 5_000, 'note shows its last editor')
    })

    it('gives hq the live document and drops every update hq sends', async () => {
      const doc = `hub/${hub.id}/log`
      const a = connect(doc, 'alice')
      const hq = connect(doc, 'hq')
      await until(() => a.provider.synced && hq.provider.synced)
      a.doc.getMap('m').set('from', 'alice')
      await until(() => hq.doc.getMap('m').get('from') === 'alice')
      hq.doc.getMap('m').set('hq', 'should not land')
      a.doc.getMap('m').set('after', 1)
      await until(() => hq.doc.getMap('m').get('after') === 1)
      const late = connect(doc, 'bob')
      await until(() => late.provider.synced && late.doc.getMap('m').get('after') === 1)
      expect(a.doc.getMap('m').get('hq')).toBeUndefined()
      expect(late.doc.getMap('m').get('hq')).toBeUndefined()
      const rows = await t.db.db.selectFrom('doc_updates').select('user_id').where('doc', '=', doc).execute()
      expect(rows.map((r) => r.user_id)).not.toContain(cast.ids.hq)
    })

    it('stamps presence with the signed-in name and mission', async () => {
      const doc = await createNoteRow(t.db.db, hub.id, 'presence')
      const a = connect(doc, 'alice')
      const b = connect(doc, 'bob')
      await until(() => a.provider.synced && b.provider.synced)
      b.provider.awareness.setLocalStateField('user', { name: 'Alice Example', id: cast.ids.alice, color: '#123456' })
      await until(() => [...a.provider.awareness.getStates().values()].some((s) => s.user?.color === '#123456'))
      const seen = [...a.provider.awareness.getStates().values()].find((s) => s.user?.color === '#123456')!
      expect(seen.user).toEqual({ id: cast.ids.bob, name: 'Bob Beispiel', mission: 'DE', color: '#123456' })
    })

    it('keeps content across room unload and reload, and keeps versions', async () => {
      const doc = await createNoteRow(t.db.db, hub.id, 'unload')
      const a = connect(doc, 'alice')
      await until(() => a.provider.synced)
      a.doc.getText('t').insert(0, 'persisted text')
      await until(async () => (await t.db.db.selectFrom('doc_updates').select('seq').where('doc', '=', doc).execute()).length > 0)
      a.destroy()
      await until(() => !t.server.services.collab!.openRooms().includes(doc), 10_000, 'unload')
      const versions = await t.db.db.selectFrom('doc_versions').select(['editors', 'reason']).where('doc', '=', doc).execute()
      expect(versions.length).toBeGreaterThanOrEqual(1)
      expect(versions[0].editors).toEqual([cast.ids.alice])
      const b = connect(doc, 'bob')
      await until(() => b.provider.synced && b.doc.getText('t').toString() === 'persisted text')
    })

    it('serves /metrics on loopback', async () => {
      const res = await fetch(`${t.url}/metrics`)
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(text).toContain('hubwork_updates_persisted_total')
      expect(text).toContain('hubwork_commit_seconds_bucket')
    })
  })
}
