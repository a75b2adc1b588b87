import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHubMember } from '../support/cast.js'
import { client } from '../support/http.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { connectClient, until } from '../support/ws-client.js'

/**
 * Stopping (SIGTERM) takes a while: pending writes are flushed, the projection and the event bus
 * stop. A process that still answers during that time looks alive to a load balancer and to the
 * supervisor that just asked it to stop, and takes requests it can no longer finish.
 */
describe('pglite: stopping the server', () => {
  let t: TestServer | null = null
  let release: () => void = () => {}
  afterEach(async () => {
    release()
    await t?.db.close().catch(() => {})
    t = null
  })

  it('refuses new connections as soon as it is asked to stop, while it still finishes its work', async () => {
    t = await startTestServer('pglite')
    const member = await createHubMember(t.db.db)
    const note = await client(t.url, t.origin, member.cookie).request('POST', `/api/hubs/${member.hub.id}/notes`, { title: 'Last words' })
    expect(note.status).toBe(201)
    const docName: string = note.body.docName
    const peer = connectClient(t.url, docName, member.cookie, { origin: t.origin })
    await until(() => peer.provider.synced, 10_000, 'synced')
    peer.doc.getText('t').insert(0, 'written just before the stop')
    const db = t.db.db
    await until(async () => (await db.selectFrom('doc_updates').select('seq').where('doc', '=', docName).execute()).length > 0, 10_000, 'the edit stored')

    // Hold the database (PGlite: one connection): the stop, which keeps a last version of every open
    // document, has work left to finish — the window a supervisor or a load balancer would see.
    const held = new Promise<void>((resolve) => (release = resolve))
    let holding = false
    const transaction = db.transaction().execute(async (trx) => {
      await trx.selectFrom('users').select('id').limit(1).execute()
      holding = true
      await held
    })
    await until(() => holding, 10_000, 'database held')

    const closing = t.server.close()
    let closed = false
    void closing.then(() => (closed = true))
    // A connection opened right after the stop began finds nobody listening (not even the
    // kernel's backlog of a socket the process has not closed yet).
    expect(await connects(t.url)).toBe(false)
    expect(closed).toBe(false)
    release()
    await transaction
    await closing
    peer.destroy()

    const kept = await db.selectFrom('doc_versions').select('reason').where('doc', '=', docName).execute()
    expect(kept.map((v) => v.reason)).toContain('shutdown')
  })
})

/** Whether a TCP connection to `url`'s port is accepted (by the kernel: before any HTTP is spoken). */
function connects(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
