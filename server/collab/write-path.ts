import type { EventEmitter } from 'node:events'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { CommitNotice, EntryOrigin } from '../db/update-store.js'
import type { Logger } from '../logger.js'
import type { CollabMetrics } from './collab-metrics.js'
import { maybeCompact, type CompactionBound } from './compaction.js'
import { relay } from './relay.js'
import type { Connection, Room } from './room.js'
import type { Rooms } from './rooms.js'
import { WriteBatch, type QueuedWrite } from './write-batch.js'

/** Emitted after each group commit, per document: the projection follows these. */
export interface PersistedEvent {
  doc: string
  seq: number
  /** Who wrote the last of these updates (null: the server itself). */
  userId: string | null
}

/**
 * The path every accepted update takes, a client's or the server's own: queued for the group
 * commit, and once durable applied to the room and relayed to its peers (persist before relay),
 * then announced (`persisted`; other processes were NOTIFYed by the commit itself) and compacted when the tail is long.
 */
export class WritePath {
  private readonly batch: WriteBatch

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly metrics: CollabMetrics,
    private readonly rooms: Rooms,
    /** Set with several processes on one PostgreSQL: each commit tells the others (fanout.ts). */
    notice: CommitNotice | undefined,
    private readonly events: EventEmitter,
    private readonly compactAfter: CompactionBound,
  ) {
    this.batch = new WriteBatch(db, logger, this.metrics, (writes, seqs) => this.afterCommit(writes, seqs), notice)
  }

  /** Updates not yet durable. */
  get size(): number {
    return this.batch.size
  }

  /**
   * Queues an update of a room. Resolves with its seq once it is durable and relayed.
   * @param from the connection that sent it (not relayed back to it), or null for the server's own edits
   * @param origins log entries it creates, stored with it
   */
  write(room: Room, update: Uint8Array, userId: string | null, from: Connection | null, origins?: EntryOrigin[]): Promise<number> {
    room.pendingWrites++
    room.tailBytes += update.byteLength
    return new Promise((resolve) =>
      this.batch.push({
        doc: room.name,
        update,
        userId,
        origins: origins?.length ? origins : undefined,
        onCommitted: (seq) => {
          room.pendingWrites--
          room.lastSeq = Math.max(room.lastSeq, seq)
          room.tailCount++
          room.dirtySinceVersion = true
          if (userId) room.editorsSinceVersion.add(userId)
          relay(room, update, from)
          if (room.connections.size === 0) this.rooms.release(room)
          resolve(seq)
        },
      }),
    )
  }

  /** Resolves once every queued update is durable, or false after `timeoutMs`. */
  drain(timeoutMs?: number): Promise<boolean> {
    return this.batch.drain(timeoutMs)
  }

  private afterCommit(writes: QueuedWrite[], seqs: number[]): void {
    // The last seq and writer per document (the commit's INSERT has told other processes already).
    const byDoc = new Map<string, { to: number; userId: string | null }>()
    writes.forEach((w, i) => {
      w.onCommitted(seqs[i])
      byDoc.set(w.doc, { to: Math.max(byDoc.get(w.doc)?.to ?? 0, seqs[i]), userId: w.userId })
    })
    this.metrics.updates.inc(writes.length)
    for (const [doc, range] of byDoc) {
      this.events.emit('persisted', { doc, seq: range.to, userId: range.userId } satisfies PersistedEvent)
      const room = this.rooms.get(doc)
      if (room) maybeCompact(this.db, this.logger, room, this.compactAfter)
    }
  }
}
