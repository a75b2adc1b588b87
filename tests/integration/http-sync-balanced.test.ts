import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { BUILT_SERVER, startChildServer, type ChildServer } from '../support/child-server.js'
import { createCast, TEAM, type CastOf } from '../support/cast.js'
import { createNoteRow } from '../support/factories.js'
import { startNginx, type Nginx } from '../support/nginx.js'
import { NodeEventSource } from '../support/node-event-source.js'
import { connectClient, until } from '../support/ws-client.js'
import { readDocState } from '../../server/db/update-store.js'
import { HttpSyncSocket } from '../../client/sync/http-socket.js'

const ORIGIN = 'http://hubwork.test'

/**
 * The HTTP sync fallback behind a load balancer of three processes: a stream lives in one process,
 * so the balancer sends a session's /collab-http/ requests to one process (docs/production.md);
 * sockets and every other request stay round robin.
 */
describe.skipIf(!ENGINES.includes('postgres'))('postgres: the HTTP sync through nginx and three processes', () => {
  let db: TestDb
  let procs: ChildServer[] = []
  let nginx: Nginx
  let dir: string
  let cast: CastOf<typeof TEAM>
  const cleanup: (() => void)[] = []

  beforeAll(async () => {
    ;(globalThis as { EventSource?: unknown }).EventSource = NodeEventSource
    db = await openTestDb('postgres')
    cast = await createCast(db.db, TEAM)
    procs = await Promise.all([0, 1, 2].map(() => startChildServer({ DATABASE_URL: db.url!, PUBLIC_ORIGIN: ORIGIN }, undefined, BUILT_SERVER)))
    dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-nginx-http-'))
    nginx = await startNginx(dir, procs.map((p) => new URL(p.url).host))
  }, 120_000)
  afterAll(async () => {
    cleanup.forEach((c) => c())
    await nginx?.stop()
    await Promise.all(procs.map((p) => p.stop()))
    await db?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  /** The browser's own HTTP transport in Node, through nginx, with a person's cookie. */
  const overHttp = (doc: string, cookie: string) => {
    const headers = { origin: ORIGIN, cookie }
    class NodeHttpSocket extends HttpSyncSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers })
      }
    }
    const ydoc = new Y.Doc()
    const provider = new WebsocketProvider(nginx.url.replace(/^http/, 'ws') + '/collab', doc, ydoc, {
      WebSocketPolyfill: NodeHttpSocket as unknown as typeof WebSocket,
      disableBc: true,
    })
    cleanup.push(() => provider.destroy())
    return { doc: ydoc, provider }
  }

  it('two people over HTTP and one over a socket co-edit a note: every edit stored and everywhere', async () => {
    const docName = await createNoteRow(db.db, cast.hubs.hub.id, 'balanced')
    const alice = overHttp(docName, cast.cookies.alice)
    const bob = overHttp(docName, cast.cookies.bob)
    const carol = connectClient(nginx.url, docName, cast.cookies.alice, { origin: ORIGIN })
    cleanup.push(() => carol.destroy())
    await until(() => alice.provider.synced && bob.provider.synced && carol.provider.synced, 20_000, 'all synced')

    const words: string[] = []
    for (let i = 0; i < 15; i++) {
      for (const [who, c] of [['a', alice], ['b', bob], ['c', carol]] as const) {
        const word = `${who}${i};`
        words.push(word)
        const text = c.doc.getText('t')
        text.insert(text.length, word)
      }
    }
    const has = (d: Y.Doc) => words.every((w) => d.getText('t').toString().includes(w))
    await until(() => has(alice.doc) && has(bob.doc) && has(carol.doc), 30_000, 'every edit at every peer')
    await until(async () => {
      const state = await readDocState(db.db, docName)
      if (!state) return false
      const stored = new Y.Doc()
      Y.applyUpdate(stored, state.update)
      return has(stored)
    }, 20_000, 'every edit stored')
    expect(alice.doc.getText('t').toString()).toBe(carol.doc.getText('t').toString())
  }, 90_000)
})
