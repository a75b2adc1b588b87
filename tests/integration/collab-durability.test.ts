import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { startChildServer, type ChildServer } from '../support/child-server.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { createHubMember } from '../support/cast.js'

const N = 40

/** A cookie of a hub member: PGlite belongs to the child, so sign in through the API (demo data). */
async function memberCookie(server: ChildServer, db: TestDb | null): Promise<{ cookie: string; doc: string }> {
  let cookie: string
  let hubId = 'hub-ng'
  if (db) {
    const member = await createHubMember(db.db)
    cookie = member.cookie
    hubId = member.hub.id
  } else {
    const c = client(server.url, server.origin)
    const res = await c.login('ewa.beispiel@demo.example', 'hubwork-demo-2026')
    if (res.status !== 200) throw new Error(`demo login failed: ${res.text}`)
    cookie = c.cookie!
  }
  // The note exists (the sync server opens no note document without its row).
  const note = await client(server.url, server.origin, cookie).request('POST', `/api/hubs/${hubId}/notes`, { title: 'k9' })
  if (note.status !== 201) throw new Error(`note not created: ${note.text}`)
  return { cookie, doc: note.body.docName }
}

for (const engine of ENGINES) {
  describe(`${engine}: durability`, () => {
    let dataDir: string | null = null
    let db: TestDb | null = null
    let env: Record<string, string>
    const children: ChildServer[] = []

    beforeAll(async () => {
      if (engine === 'postgres') {
        db = await openTestDb('postgres')
        env = { DATABASE_URL: db.url! }
      } else {
        dataDir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-k9-'))
        env = { DATA_DIR: dataDir, SEED_DEMO: '1' }
      }
    })
    afterAll(async () => {
      for (const c of children) await c.stop().catch(() => {})
      await db?.close()
      if (dataDir) await rm(dataDir, { recursive: true, force: true })
    })

    it('kill -9 right after a peer received N edits: after restart all N are there', async () => {
      const first = await startChildServer(env)
      children.push(first)
      const { cookie, doc } = await memberCookie(first, db)
      const a = connectClient(first.url, doc, cookie, { origin: first.origin })
      const b = connectClient(first.url, doc, cookie, { origin: first.origin })
      await until(() => a.provider.synced && b.provider.synced, 20_000)
      for (let i = 0; i < N; i++) a.doc.getArray<number>('edits').push([i])
      await until(() => b.doc.getArray('edits').length === N, 20_000, 'peer to receive N edits')
      await first.kill9()
      a.destroy()
      b.destroy()

      const second = await startChildServer(env)
      children.push(second)
      const c = connectClient(second.url, doc, cookie, { origin: second.origin })
      await until(() => c.provider.synced, 20_000)
      expect(c.doc.getArray<number>('edits').toArray()).toEqual([...Array(N).keys()])
      c.destroy()
      await second.stop()
    })

    if (engine === 'postgres') {
      it('two server processes on one PostgreSQL relay each other\'s edits', async () => {
        const one = await startChildServer(env)
        const two = await startChildServer(env)
        children.push(one, two)
        const { cookie, doc } = await memberCookie(one, db)
        // Both processes must accept the same browser origin: give each its own client Origin.
        const a = connectClient(one.url, doc, cookie, { origin: one.origin })
        const b = connectClient(two.url, doc, cookie, { origin: two.origin })
        await until(() => a.provider.synced && b.provider.synced, 20_000)
        a.doc.getText('t').insert(0, 'from one. ')
        b.doc.getText('t').insert(0, 'from two. ')
        await until(
          () => a.doc.getText('t').length === 20 && a.doc.getText('t').toString() === b.doc.getText('t').toString(),
          20_000,
          'convergence across processes',
        )
        a.destroy()
        b.destroy()
      })
    }
  })
}
