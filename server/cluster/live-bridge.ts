import { can } from '../../shared/access.js'
import { parseDocName } from '../../shared/doc-names.js'
import type { Scope } from '../../shared/scopes.js'
import type { CollabServer } from '../collab/collab-server.js'
import type { LiveEvent, LiveStreams } from '../comments/live-streams.js'
import type { EventBus } from '../db/event-bus.js'

/** Session hashes per NOTIFY: 64 hex characters each, well under the payload cap. */
const HASHES_PER_MESSAGE = 60

/** Roll-up invalidations are coalesced to one message per this long (a burst of edits, one NOTIFY). */
const STALE_COALESCE_MS = 200

/** What the bridge acts on in each process. */
export interface LiveTargets {
  collab: CollabServer
  streams: LiveStreams
  invalidateRollups(): void
}

/**
 * Everything a person notices live, made to reach every process on the same PostgreSQL: a route
 * calls the bridge instead of its own process's sockets and streams, the bridge publishes a small
 * fact on the event bus (db/event-bus.ts), and every process, this one at once, acts on it with
 * its own sockets, streams and caches. Access is re-decided where the sockets are (a scope change
 * carries the new scope, each process asks shared/access.ts about its own readers).
 */
export class LiveBridge {
  private staleTimer: NodeJS.Timeout | null = null
  private readonly unsubscribe: (() => void)[]

  constructor(
    private readonly bus: EventBus,
    private readonly targets: LiveTargets,
  ) {
    const { collab, streams } = targets
    this.unsubscribe = [
      bus.subscribe<LiveEvent>('live', (e) => streams.publish(e)),
      bus.subscribe<{ h: string[] }>('sessions-ended', ({ h }) => collab.closeSessionConnections(new Set(h))),
      bus.subscribe<{ u: string; hub: string | null }>('access-lost', ({ u, hub }) =>
        collab.closeUserConnections(u, hub === null ? undefined : (doc) => parseDocName(doc)?.hubId === hub),
      ),
      bus.subscribe<{ doc: string; scope: Scope }>('doc-scope', ({ doc, scope }) => {
        const parsed = parseDocName(doc)
        if (parsed) collab.closeConnectionsWhere(doc, (reader) => !can(reader, { kind: 'doc', doc: parsed, scope }, 'read'))
      }),
      bus.subscribe('rollups-stale', () => targets.invalidateRollups()),
    ]
    // Messages sent while this process could not hear them are lost: drop what they would have.
    bus.onReconnect(() => targets.invalidateRollups())
  }

  /** A comment, input state or unread count changed: every process's streams hear of it. */
  live(e: LiveEvent): void {
    this.bus.publish('live', e)
  }

  /** These sessions ended (sign-out, revoked): their sockets and streams close on every process. */
  endSessions(hashes: Iterable<string>): void {
    const all = [...hashes]
    for (let i = 0; i < all.length; i += HASHES_PER_MESSAGE) this.bus.publish('sessions-ended', { h: all.slice(i, i + HASHES_PER_MESSAGE) })
  }

  /** A user lost access (to one hub, or to everything: disabled, role changed): 4403 everywhere. */
  accessLost(userId: string, hubId: string | null = null): void {
    this.bus.publish('access-lost', { u: userId, hub: hubId })
  }

  /** A document's scope changed: whoever may no longer read it is closed out everywhere. */
  docScopeChanged(docName: string, scope: Scope): void {
    this.bus.publish('doc-scope', { doc: docName, scope })
  }

  /**
   * What roll-ups are computed from changed. This process's cache drops at once; the others'
   * within STALE_COALESCE_MS (one message for a burst).
   */
  rollupsStale(): void {
    this.targets.invalidateRollups()
    if (this.staleTimer) return
    this.staleTimer = setTimeout(() => {
      this.staleTimer = null
      this.bus.publish('rollups-stale', 0)
    }, STALE_COALESCE_MS)
    this.staleTimer.unref()
  }

  close(): void {
    if (this.staleTimer) clearTimeout(this.staleTimer)
    for (const u of this.unsubscribe) u()
  }
}
