import * as Y from 'yjs'
import { Awareness, encodeAwarenessUpdate as encodeAwarenessStates } from 'y-protocols/awareness'
import type { Actor } from '../../shared/access.js'
import { encodeAwarenessMessage } from './protocol.js'
import type { TokenBucket } from './guards.js'
import type { StructIndex } from './meaning/struct-places.js'

/** One socket on one document. */
export interface Connection {
  id: number
  actor: Actor
  /** Hash of the session the socket was opened with: ending the session closes the socket. */
  sessionHash: string
  /** When this connection last sent an edit (ms): editing counts as activity for the session. */
  lastEditAt: number
  readOnly: boolean
  /** Who this connection is in presence, stamped by the server. */
  stamp: { id: string; name: string; mission: string }
  /** The mission this connection writes for: new log entries must carry it. */
  mission: string
  /** The one awareness client id this connection may speak for (bound at its first message). */
  awarenessClientId: number | null
  buckets: { messages: TokenBucket; bytes: TokenBucket; syncRequests: TokenBucket }
  /**
   * "Stored" acknowledgements (shared/stored-acks.ts), when the client asked for them and may
   * write: update frames received so far, and the chain that acknowledges them in order.
   */
  acks: { received: number; chain: Promise<void> } | null
  /** When the server last heard from this socket, a frame or a pong (ms since the epoch). */
  lastHeardAt: number
  /** When it last answered a ping (ms since the epoch; 0: never). */
  lastPongAt: number
  /** When the heartbeat last pinged it (null: not yet). */
  pingedAt: number | null
  /** Frames waiting while a claim this connection makes on a held client id is settled (handover.ts). */
  held: Uint8Array[] | null
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  isOpen(): boolean
  /** Pings the peer; false when the transport cannot (the HTTP fallback). */
  ping(): boolean
  /** Drops the socket at once, with no closing handshake: its peer stopped answering. */
  terminate(): void
}

/**
 * An open document: its Y.Doc (only ever holding persisted content), awareness and connections.
 * Content reaches the doc and the peers only through relay.ts, after it is durable; presence is
 * relayed from the awareness's own events (it is never stored).
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new Awareness(this.doc)
  readonly connections = new Set<Connection>()
  /** Writes queued or in flight: the room must not unload while any remain (Hocuspocus #995). */
  pendingWrites = 0
  /** Next clock expected per client, counting queued writes not yet applied. */
  readonly pendingClocks = new Map<number, number>()
  /** Structs of accepted updates not yet applied (waiting for their commit), for the meaning check's lookups. */
  readonly pendingIndexes: StructIndex[] = []
  /** Which connection owns a client id (wrote structs under it). */
  readonly clientOwners = new Map<number, Connection>()
  lastSeq = 0
  tailCount = 0
  tailBytes = 0
  storedBytes = 0
  compacting = false
  dirtySinceVersion = false
  /** What the newest stored version holds, as clocks and deletions (undefined: not read yet; null: none). */
  lastVersion: Y.Snapshot | null | undefined = undefined
  readonly editorsSinceVersion = new Set<string>()
  idleTimer: NodeJS.Timeout | null = null
  versionTimer: NodeJS.Timeout | null = null

  constructor(readonly name: string) {
    // The server speaks for nobody in presence.
    this.awareness.setLocalState(null)
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        const changed = [...added, ...updated, ...removed]
        const message = encodeAwarenessMessage(encodeAwarenessStates(this.awareness, changed))
        for (const conn of this.connections) conn.send(message)
      },
    )
  }

  /** The next clock the document expects from `client`, counting queued writes. */
  knownClock(client: number): number {
    const appliedClock = this.doc.store.clients.has(client) ? Y.getState(this.doc.store, client) : 0
    return Math.max(appliedClock, this.pendingClocks.get(client) ?? 0)
  }

  /** Awareness message with every current state, for a joining connection. */
  awarenessSnapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()]
    return ids.length ? encodeAwarenessMessage(encodeAwarenessStates(this.awareness, ids)) : null
  }

  destroy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    if (this.versionTimer) clearInterval(this.versionTimer)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
