import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../db/schema.js'
import { readStoredParts } from '../db/update-store.js'
import type { Logger } from '../logger.js'
import type { CollabMetrics } from './collab-metrics.js'
import { Room } from './room.js'
import type { Versions } from './versions.js'

/**
 * The open rooms of this process: loaded on first use (one load per document however many ask at
 * once), unloaded after being idle, never while a write is pending (an unloaded room would lose
 * the relay of its committed update).
 */
export class Rooms {
  private readonly open = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private closed = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly metrics: CollabMetrics,
    private readonly versions: Versions,
    private readonly idleUnloadMs: number,
    /** Runs on a freshly loaded room before anyone gets it (the server's repairs). */
    private readonly onLoad: (room: Room) => Promise<void> = async () => {},
  ) {}

  /** The open room of a document, loading it if needed; cancels a pending unload. */
  async acquire(name: string): Promise<Room> {
    const room = this.open.get(name)
    if (room) {
      if (room.idleTimer) clearTimeout(room.idleTimer)
      room.idleTimer = null
      return room
    }
    let pending = this.loading.get(name)
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name))
      this.loading.set(name, pending)
    }
    return pending
  }

  /** The room of a document if it is open or loading here (other processes' updates need no load). */
  async ifOpen(name: string): Promise<Room | undefined> {
    return this.open.get(name) ?? (await this.loading.get(name))
  }

  get(name: string): Room | undefined {
    return this.open.get(name)
  }

  all(): IterableIterator<Room> {
    return this.open.values()
  }

  names(): string[] {
    return [...this.open.keys()]
  }

  private async load(name: string): Promise<Room> {
    const room = new Room(name)
    const stored = await readStoredParts(this.db, name)
    if (stored) {
      // Part by part, not merged first: merging a long document's snapshot with its tail costs
      // more than applying both (and the room needs them applied anyway).
      Y.transact(room.doc, () => {
        for (const part of stored.parts) Y.applyUpdate(room.doc, part, 'load')
      }, 'load')
      room.lastSeq = stored.uptoSeq
      room.storedBytes = stored.bytes
    }
    await this.onLoad(room)
    this.versions.startTimer(room)
    this.open.set(name, room)
    this.metrics.rooms.set(this.open.size)
    this.logger.debug({ doc: name, bytes: room.storedBytes }, 'room loaded')
    return room
  }

  /** Starts the idle countdown of a room nobody is connected to. */
  release(room: Room): void {
    if (room.connections.size > 0 || room.idleTimer || this.closed) return
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null
      void this.tryUnload(room)
    }, this.idleUnloadMs)
    room.idleTimer.unref()
  }

  private async tryUnload(room: Room): Promise<void> {
    if (room.connections.size > 0 || this.open.get(room.name) !== room) return
    if (room.pendingWrites > 0) return this.release(room)
    await this.versions.save(room, 'unload')
    if (room.connections.size > 0 || room.pendingWrites > 0) return
    this.open.delete(room.name)
    this.metrics.rooms.set(this.open.size)
    room.destroy()
    this.logger.debug({ doc: room.name }, 'room unloaded')
  }

  /** Stops unloading and forgets every room (the caller has saved and closed them). */
  closeAll(): Room[] {
    this.closed = true
    const rooms = [...this.open.values()]
    this.open.clear()
    return rooms
  }
}
