import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { freePort } from '../support/global-setup.js'
import { startPostgres, type PostgresServer } from '../support/postgres-server.js'
import { ENGINES, openTestDb } from '../support/engines.js'
import { connectClient, until } from '../support/ws-client.js'
import { createHubMember } from '../support/cast.js'
import { createNoteRow } from '../support/factories.js'
import { loadConfig } from '../../server/config.js'
import { createLogger } from '../../server/logger.js'
import { startServer, type RunningServer } from '../../server/server.js'
import { startTestServer } from '../support/test-server.js'
import { appendUpdates, compactDoc, compactState, readDocState } from '../../server/db/update-store.js'

describe('postgres: the database stops and comes back while two clients edit', () => {
  let dir: string
  let server: PostgresServer
  let app: RunningServer
  let url: string

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-pgdown-'))
    server = await startPostgres(dir, await freePort())
    await server.createDatabase('hubwork')
    url = `${server.url}/hubwork`
    const config = loadConfig({ PORT: '0', DATABASE_URL: url, PUBLIC_ORIGIN: 'http://hubwork.test', LOG_LEVEL: 'error' })
    app = await startServer({ config, logger: createLogger('error') })
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await server?.stop().catch(() => {})
    await rm(dir, { recursive: true, force: true })
  })

  it.skipIf(!ENGINES.includes('postgres'))('keeps the sockets, relays nothing unstored, and stores every edit once it is back', async () => {
    const db = app.database.db
    const { hub, cookie } = await createHubMember(db)
    const doc = await createNoteRow(db, hub.id, 'down')
    const a = connectClient(app.url, doc, cookie, { origin: 'http://hubwork.test' })
    const b = connectClient(app.url, doc, cookie, { origin: 'http://hubwork.test' })
    await until(() => a.provider.synced && b.provider.synced)
    a.doc.getArray('e').push(['before'])
    await until(() => b.doc.getArray('e').length === 1)

    await server.stop()
    a.doc.getArray('e').push(['while down from a'])
    b.doc.getArray('e').push(['while down from b'])
    // Nothing unstored is relayed: b must not see a's edit while the database is down.
    await new Promise((r) => setTimeout(r, 300))
    expect(b.doc.getArray('e').toArray()).not.toContain('while down from a')
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)

    await server.start()
    await until(() => a.doc.getArray('e').length === 3 && b.doc.getArray('e').length === 3, 30_000, 'recovery')
    const stored = new Y.Doc()
    Y.applyUpdate(stored, (await readDocState(db, doc))!.update)
    expect(stored.getArray('e').toArray().sort()).toEqual(['before', 'while down from a', 'while down from b'])
    a.destroy()
    b.destroy()
  })
})

for (const engine of ENGINES) {
  describe(`${engine}: compaction`, () => {
    it('merges the update tail into a snapshot and keeps content identical', async () => {
      const t = await startTestServer(engine, {}, { compactAfter: { updates: 25, bytes: 10_000_000 }, idleUnloadMs: 100 })
      try {
        const { hub, cookie } = await createHubMember(t.db.db)
        const doc = `hub/${hub.id}/brief`
        const a = connectClient(t.url, doc, cookie, { origin: t.origin })
        await until(() => a.provider.synced)
        for (let i = 0; i < 100; i++) {
          a.doc.getText('t').insert(a.doc.getText('t').length, `${i} `)
          if (i % 10 === 0) await new Promise((r) => setImmediate(r))
        }
        const expected = a.doc.getText('t').toString()
        await until(async () => {
          const snap = await t.db.db.selectFrom('doc_snapshots').select('upto_seq').where('doc', '=', doc).executeTakeFirst()
          const tail = await t.db.db.selectFrom('doc_updates').select('seq').where('doc', '=', doc).execute()
          const state = await readDocState(t.db.db, doc)
          const check = new Y.Doc()
          if (state) Y.applyUpdate(check, state.update)
          return !!snap && tail.length < 100 && check.getText('t').toString() === expected
        }, 15_000, 'compaction')
        a.destroy()
        await until(() => !t.server.services.collab!.openRooms().includes(doc))
        const b = connectClient(t.url, doc, cookie, { origin: t.origin })
        await until(() => b.provider.synced && b.doc.getText('t').toString() === expected)
        b.destroy()
      } finally {
        await t.close()
      }
    })

    it('compacts a tail longer than the wire protocol’s 65,535 parameters (after an outage or an import)', async () => {
      const t = await openTestDb(engine)
      try {
        const doc = 'hub/long-tail/brief'
        const src = new Y.Doc()
        const updates: Uint8Array[] = []
        src.on('update', (u: Uint8Array) => updates.push(u))
        for (let i = 0; i < 70_000; i++) src.getText('t').insert(i, 'x')
        for (let i = 0; i < updates.length; i += 2000) {
          await appendUpdates(t.db, updates.slice(i, i + 2000).map((update) => ({ doc, update, userId: null })))
        }
        expect((await compactDoc(t.db, doc)).merged).toBe(70_000)
        expect(await t.db.selectFrom('doc_updates').select('seq').where('doc', '=', doc).execute()).toEqual([])
        const check = new Y.Doc()
        Y.applyUpdate(check, (await readDocState(t.db, doc))!.update)
        expect(check.getText('t').length).toBe(70_000)
      } finally {
        await t.close()
      }
    }, 120_000)

    it('a compaction that another one overtook while it merged writes nothing, and no update is lost', async () => {
      const t = await openTestDb(engine)
      try {
        const doc = 'hub/race/brief'
        const src = new Y.Doc()
        const updates: Uint8Array[] = []
        src.on('update', (u: Uint8Array) => updates.push(u))
        for (const word of ['alpha ', 'beta ', 'gamma ']) src.getText('t').insert(src.getText('t').length, word)
        await appendUpdates(t.db, updates.slice(0, 2).map((update) => ({ doc, update, userId: null })))
        // While the first compaction merges what it read (alpha, beta), gamma is stored and a second
        // compaction merges all three and deletes their rows.
        const first = await compactDoc(t.db, doc, async (parts) => {
          await appendUpdates(t.db, [{ doc, update: updates[2], userId: null }])
          expect((await compactDoc(t.db, doc)).merged).toBe(3)
          return compactState(parts)
        })
        expect(first.merged).toBe(0)
        const check = new Y.Doc()
        Y.applyUpdate(check, (await readDocState(t.db, doc))!.update)
        expect(check.getText('t').toString()).toBe('alpha beta gamma ')
      } finally {
        await t.close()
      }
    })
  })
}
