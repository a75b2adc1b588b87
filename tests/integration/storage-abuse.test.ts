import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { writeUpdate } from 'y-protocols/sync'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { connectClient, rawSocket, until } from '../support/ws-client.js'
import { createNoteRow } from '../support/factories.js'
import { pruneVersions } from '../../server/db/version-retention.js'
import { storedBytesOfHub } from '../../server/collab/hub-quota.js'

// What one person can make the server store by visiting documents: nothing for what does not
// exist, nothing new for a visit without edits, and old versions thin out by policy.
const CAST = defineCast({
  hubs: { hub: {} },
  users: { alice: { hub: 'hub', mission: 'EU' }, boss: { role: 'admin' } },
})

async function storedRows(db: TestDb, doc: string) {
  const count = async (table: 'doc_updates' | 'doc_versions' | 'doc_snapshots') =>
    Number((await db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('doc', '=', doc).executeTakeFirstOrThrow()).n)
  return { updates: await count('doc_updates'), versions: await count('doc_versions'), snapshots: await count('doc_snapshots') }
}

for (const engine of ENGINES) {
  describe(`${engine}: storage a visitor can cause`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    beforeAll(async () => {
      t = await startTestServer(engine, {}, { idleUnloadMs: 50 })
      cast = await createCast(t.db.db, CAST)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('refuses, every time, a note document without its row and a hub that does not exist (4404); nothing is stored', async () => {
      const ghost = `hub/${cast.hubs.hub.id}/notes/ghost`
      for (let i = 0; i < 20; i++) {
        const s = await rawSocket(t.url, ghost, cast.cookies.alice, t.origin)
        s.ws.send(Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())))
        expect((await s.closed).code).toBe(4404)
      }
      const noHub = 'hub/no-such-hub/brief'
      expect((await (await rawSocket(t.url, noHub, cast.cookies.boss, t.origin)).closed).code).toBe(4404)
      expect(await storedRows(t.db, ghost)).toEqual({ updates: 0, versions: 0, snapshots: 0 })
      expect(await storedRows(t.db, noHub)).toEqual({ updates: 0, versions: 0, snapshots: 0 })
      expect(t.server.services.collab.openRooms()).not.toContain(ghost)
    })

    it('stores no new version for 20 visits without edits (the client re-sending what it has)', async () => {
      const doc = await createNoteRow(t.db.db, cast.hubs.hub.id, 'visited')
      const local = new Y.Doc()
      const visit = async (edit?: string) => {
        const c = connectClient(t.url, doc, cast.cookies.alice, { origin: t.origin, doc: local })
        await until(() => c.provider.synced, 5_000, 'synced')
        // A careless client re-sends everything it has: stored, but nothing changed.
        const collab = t.server.services.collab
        const stored = new Promise<void>((resolve) => {
          const on = (e: { doc: string }) => e.doc === doc && (collab.events.off('persisted', on), resolve())
          collab.events.on('persisted', on)
        })
        const frame = encoding.createEncoder()
        encoding.writeVarUint(frame, 0)
        writeUpdate(frame, Y.encodeStateAsUpdate(local))
        ;(c.provider.ws as unknown as { send(d: Uint8Array): void }).send(encoding.toUint8Array(frame))
        if (!edit) await stored
        if (edit) {
          local.getText('t').insert(0, edit)
          await until(async () => (await storedRows(t.db, doc)).updates > 0 || (await storedRows(t.db, doc)).snapshots > 0, 5_000, 'edit stored')
        }
        c.provider.destroy()
        await until(() => !t.server.services.collab.openRooms().includes(doc), 5_000, 'room unloaded')
      }
      await visit('some content')
      const after = (await storedRows(t.db, doc)).versions
      expect(after).toBeGreaterThanOrEqual(1)
      for (let i = 0; i < 20; i++) await visit()
      expect((await storedRows(t.db, doc)).versions).toBe(after)
      // An edit after all that is kept as a version again.
      await visit('more ')
      expect((await storedRows(t.db, doc)).versions).toBe(after + 1)
      local.destroy()
    })
  })

  describe(`${engine}: a bound on what one hub stores`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    beforeAll(async () => {
      t = await startTestServer(engine, { HUB_MAX_BYTES: '40000' })
      cast = await createCast(t.db.db, CAST)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('refuses (4414, with a reason) the update that would take the hub past its bound, and stores nothing of it', async () => {
      const hubId = cast.hubs.hub.id
      const doc = await createNoteRow(t.db.db, hubId, 'big')
      const local = new Y.Doc()
      const updates: Uint8Array[] = []
      local.on('update', (u: Uint8Array) => updates.push(u))
      const frame = (u: Uint8Array) => {
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 0)
        writeUpdate(e, u)
        return Buffer.from(encoding.toUint8Array(e))
      }
      const s = await rawSocket(t.url, doc, cast.cookies.alice, t.origin)
      local.getText('t').insert(0, 'a'.repeat(15_000))
      s.ws.send(frame(updates[0]))
      await until(async () => (await storedBytesOfHub(t.db.db, hubId)) >= 15_000, 5_000, 'first update stored')
      const before = await storedBytesOfHub(t.db.db, hubId)
      local.getText('t').insert(0, 'b'.repeat(30_000))
      s.ws.send(frame(updates[1]))
      const closed = await Promise.race([s.closed, new Promise<null>((r) => setTimeout(() => r(null), 5_000).unref())])
      expect(closed?.code).toBe(4414)
      expect(closed?.reason).toContain('hub storage full')
      expect(await storedBytesOfHub(t.db.db, hubId)).toBe(before)
      const rows = await t.db.db.selectFrom('doc_updates').select('update').where('doc', '=', doc).execute()
      expect(rows.some((r) => Buffer.from(r.update).includes('bbbbbbbbbb'))).toBe(false)
      // Another hub is not held to this one's usage.
      const other = await createCast(t.db.db, { hubs: { h: {} }, users: { m: { hub: 'h' } } })
      const otherDoc = await createNoteRow(t.db.db, other.hubs.h.id, 'small')
      const o = await rawSocket(t.url, otherDoc, other.cookies.m, t.origin)
      const small = new Y.Doc()
      small.getText('t').insert(0, 'c'.repeat(15_000))
      o.ws.send(frame(Y.encodeStateAsUpdate(small)))
      await until(async () => (await storedBytesOfHub(t.db.db, other.hubs.h.id)) >= 15_000, 5_000, 'other hub stores')
      o.ws.close()
      local.destroy()
      small.destroy()
    })
  })

  describe(`${engine}: version retention`, () => {
    let db: TestDb
    beforeAll(async () => {
      db = await openTestDb(engine)
    })
    afterAll(async () => {
      await db?.close()
    })

    it('keeps every version of the last 7 days, the newest per hour up to 30 days, the newest per day beyond, and submitted ones always', async () => {
      const now = new Date('2026-06-30T12:00:00Z')
      const at = (daysAgo: number, hh: number, mm: number) => {
        const d = new Date(now.getTime() - daysAgo * 86_400_000)
        d.setUTCHours(hh, mm, 0, 0)
        return d
      }
      const doc = 'hub/retention/brief'
      const other = 'hub/retention/log'
      const rows: [string, string, Date, string][] = [
        // younger than 7 days: all kept
        ['recent-a', doc, at(1, 10, 5), 'periodic'],
        ['recent-b', doc, at(1, 10, 6), 'periodic'],
        // 10 days ago: two in one hour (the later stays), one in the next hour
        ['h-old', doc, at(10, 9, 5), 'periodic'],
        ['h-new', doc, at(10, 9, 55), 'last client left'],
        ['h-next', doc, at(10, 10, 1), 'periodic'],
        // 40 days ago: three in one day (the latest stays), a submitted one kept anyway
        ['d-1', doc, at(40, 8, 0), 'periodic'],
        ['d-sub', doc, at(40, 9, 0), 'submitted to HQ'],
        ['d-3', doc, at(40, 17, 0), 'periodic'],
        // another document's version in the same hour is not a reason to delete this one's
        ['o-1', other, at(10, 9, 30), 'periodic'],
      ]
      const ids = new Map<number, string>()
      for (const [name, d, created, reason] of rows) {
        const row = await db.db
          .insertInto('doc_versions')
          .values({ doc: d, upto_seq: 0, state: new Uint8Array([0, 0]), editors: [], reason, created_at: created })
          .returning('id')
          .executeTakeFirstOrThrow()
        ids.set(row.id, name)
      }
      // h-old (h-new is newer in its hour) and d-1 (d-3 is newer in its day)
      expect(await pruneVersions(db.db, now)).toBe(2)
      const left = await db.db.selectFrom('doc_versions').select('id').where('doc', 'like', 'hub/retention/%').execute()
      expect(left.map((r) => ids.get(r.id)).sort()).toEqual(['d-3', 'd-sub', 'h-new', 'h-next', 'o-1', 'recent-a', 'recent-b'])
      expect(await pruneVersions(db.db, now)).toBe(0)
    })
  })
}
