import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { liveSessionHashes, touchSessions, type SessionPolicy } from './session-store.js'
import type { CollabServer } from '../collab/collab-server.js'

/**
 * A socket outlives the HTTP request that opened it, so its session is re-checked here: every
 * `intervalMs`, sockets whose session ended (logout elsewhere, idle or absolute expiry, user
 * disabled) are closed with 4401, and the client asks the person to sign in again, keeping their
 * local edits. Sessions that edited through a socket since the last sweep count as active.
 * @returns a function that stops the watch
 */
export function watchSocketSessions(
  collab: CollabServer,
  db: Kysely<Database>,
  policy: SessionPolicy,
  logger: Logger,
  intervalMs = 30_000,
  /** Sessions held open by something other than sockets (live streams), checked the same way. */
  otherSessions: () => Iterable<string> = () => [],
): () => void {
  let lastSweep = Date.now()
  let running = false
  const sweep = async () => {
    if (running) return
    running = true
    const since = lastSweep
    lastSweep = Date.now()
    try {
      const all = new Set<string>(otherSessions())
      const editing = new Set<string>()
      for (const { conn } of collab.openConnections()) {
        all.add(conn.sessionHash)
        if (conn.lastEditAt >= since) editing.add(conn.sessionHash)
      }
      const live = await liveSessionHashes(db, [...all], policy)
      await touchSessions(db, [...editing].filter((h) => live.has(h)))
      const ended = new Set([...all].filter((h) => !live.has(h)))
      // Closing emits 'sessions-closed', which also ends those sessions' live streams.
      if (ended.size > 0) logger.info({ closed: collab.closeSessionConnections(ended) }, 'sockets of ended sessions closed')
    } catch (err) {
      // The database may be down: keep the sockets, try again at the next sweep.
      logger.warn({ err }, 'session sweep failed')
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void sweep(), intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
