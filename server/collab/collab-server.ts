import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import * as Y from 'yjs'
import { applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import type { Database } from '../db/schema.js'
import type { Db } from '../db/connect.js'
import type { Logger } from '../logger.js'
import { CloseCode } from '../../shared/close-codes.js'
import { Room, type Connection } from './room.js'
import { WriteBatch, type QueuedWrite } from './write-batch.js'
import { createCollabMetrics, type CollabMetrics } from './collab-metrics.js'
import { checkUpdate, DEFAULT_LIMITS, type ConnectionLimits } from './guards.js'
import {
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  ProtocolError,
  type ClientMessage,
} from './protocol.js'
import { COMPACT_AFTER, compactDoc, insertVersion, readDocState, readUpdatesBetween } from '../db/update-store.js'
import { Fanout } from './fanout.js'

/** Tunables of the sync server; tests shorten the timers. */
export interface CollabOptions {
  maxFrameBytes: number
  maxDocBytes: number
  /** A room with no connection unloads after this long. */
  idleUnloadMs?: number
  /** While edited, a version is kept at least this often (CONTRACT §5: once a minute). */
  versionIntervalMs?: number
  compactAfter?: { updates: number; bytes: number }
  limits?: ConnectionLimits
}

/** Emitted after each group commit, per document: the projection follows these. */
export interface PersistedEvent {
  doc: string
  seq: number
  /** Who wrote the last of these updates (null: the server itself). */
  userId: string | null
}

/**
 * The sync server: rooms, persist-before-relay, guards, versions, compaction and, on PostgreSQL,
 * fan-out to other processes. Knows nothing of HTTP: upgrade.ts hands it authorized connections.
 */
export class CollabServer {
  readonly events = new EventEmitter()
  readonly metrics: CollabMetrics = createCollabMetrics()
  readonly processId = randomBytes(6).toString('hex')
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly batch: WriteBatch
  private readonly fanout: Fanout | null
  private readonly opts: Required<CollabOptions>
  private nextConnId = 1
  private closed = false

  constructor(
    private readonly database: Db,
    private readonly logger: Logger,
    options: CollabOptions,
  ) {
    this.opts = {
      idleUnloadMs: 30_000,
      versionIntervalMs: 60_000,
      compactAfter: COMPACT_AFTER,
      limits: DEFAULT_LIMITS,
      ...options,
    }
    this.events.setMaxListeners(50)
    this.batch = new WriteBatch(this.db, logger, this.metrics, (writes, seqs) => this.afterCommit(writes, seqs))
    this.fanout = database.pool ? new Fanout(database.pool, this.processId, logger, (doc, from, to) => this.onRemote(doc, from, to)) : null
  }

  private get db(): Kysely<Database> {
    return this.database.db
  }

  /** Starts listening to other processes (PostgreSQL only). */
  async start(): Promise<void> {
    await this.fanout?.start(() => this.resyncAll())
  }

  /** Connection limits in force. */
  get limits(): ConnectionLimits {
    return this.opts.limits
  }

  get maxFrameBytes(): number {
    return this.opts.maxFrameBytes
  }

  newConnectionId(): number {
    return this.nextConnId++
  }

  /** The open room of a document, loading it if needed. */
  async acquire(name: string): Promise<Room> {
    const open = this.rooms.get(name)
    if (open) {
      if (open.idleTimer) clearTimeout(open.idleTimer)
      open.idleTimer = null
      return open
    }
    let pending = this.loading.get(name)
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name))
      this.loading.set(name, pending)
    }
    return pending
  }

  private async load(name: string): Promise<Room> {
    const room = new Room(name)
    const stored = await readDocState(this.db, name)
    if (stored) {
      Y.applyUpdate(room.doc, stored.update, 'load')
      room.lastSeq = stored.uptoSeq
      room.storedBytes = stored.update.byteLength
    }
    // Rooms opened together (a reconnect wave, a load test) must not all snapshot in the same
    // instant: the first periodic version comes at a random point of the interval.
    const interval = this.opts.versionIntervalMs
    room.versionTimer = setTimeout(() => {
      void this.saveVersion(room, 'periodic')
      room.versionTimer = setInterval(() => void this.saveVersion(room, 'periodic'), interval)
      room.versionTimer.unref()
    }, Math.random() * interval)
    room.versionTimer.unref()
    this.rooms.set(name, room)
    this.metrics.rooms.set(this.rooms.size)
    this.logger.debug({ doc: name, bytes: room.storedBytes }, 'room loaded')
    return room
  }

  /** Adds an authorized connection to its room and starts the sync handshake. */
  join(room: Room, conn: Connection): void {
    room.connections.add(conn)
    this.metrics.connections.inc()
    conn.send(encodeSyncStep1(room.doc))
    const presence = room.awarenessSnapshot()
    if (presence) conn.send(presence)
  }

  /** Removes a connection; its presence goes, and an empty room starts its idle countdown. */
  leave(room: Room, conn: Connection): void {
    if (!room.connections.delete(conn)) return
    this.metrics.connections.dec()
    if (conn.awarenessClientId !== null) removeAwarenessStates(room.awareness, [conn.awarenessClientId], 'left')
    for (const [client, owner] of room.clientOwners) if (owner === conn) room.clientOwners.delete(client)
    if (room.connections.size === 0) {
      void this.saveVersion(room, 'last client left')
      this.scheduleUnload(room)
    }
  }

  /** Closes one connection with a reason, counting it. */
  refuse(conn: Connection, code: number, reason: string, doc: string): void {
    this.metrics.closed.inc({ code: String(code) })
    this.logger.warn({ doc, userId: conn.actor.id, code, reason }, 'closing sync connection')
    conn.close(code, reason)
  }

  /**
   * Handles one binary frame of a connection. Every failure closes that connection only.
   */
  handleFrame(room: Room, conn: Connection, data: Uint8Array): void {
    if (!conn.buckets.messages.take() || !conn.buckets.bytes.take(data.byteLength)) {
      return this.refuse(conn, CloseCode.rateLimited, 'too many messages', room.name)
    }
    let message: ClientMessage
    try {
      message = decodeClientMessage(data)
    } catch (err) {
      return this.refuse(conn, CloseCode.malformed, err instanceof ProtocolError ? err.message : 'malformed message', room.name)
    }
    try {
      this.handleMessage(room, conn, message)
    } catch (err) {
      this.logger.error({ err, doc: room.name }, 'sync message failed')
      this.refuse(conn, CloseCode.malformed, 'message could not be processed', room.name)
    }
  }

  private handleMessage(room: Room, conn: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1': {
        if (!conn.buckets.syncRequests.take()) return this.refuse(conn, CloseCode.rateLimited, 'sync requests too frequent', room.name)
        try {
          conn.send(encodeSyncStep2(room.doc, message.stateVector))
        } catch {
          return this.refuse(conn, CloseCode.malformed, 'malformed state vector', room.name)
        }
        return
      }
      case 'update':
        return this.handleUpdate(room, conn, message.update)
      case 'awareness':
        return this.handleAwareness(room, conn, message.update)
      case 'query-awareness': {
        const presence = room.awarenessSnapshot()
        if (presence) conn.send(presence)
      }
    }
  }

  private handleUpdate(room: Room, conn: Connection, update: Uint8Array): void {
    if (conn.readOnly) {
      // Read-only callers get nothing stored, relayed or acknowledged.
      this.metrics.dropped.inc()
      return
    }
    if (isEmptyUpdate(update)) return
    conn.lastEditAt = Date.now()
    const checked = checkUpdate(update, (c) => room.knownClock(c), (c) => room.clientOwners.get(c), conn)
    if ('reason' in checked) return this.refuse(conn, CloseCode.malformed, checked.reason, room.name)
    if (room.storedBytes + room.tailBytes + update.byteLength > this.opts.maxDocBytes) {
      return this.refuse(conn, CloseCode.docTooLarge, `document would exceed ${this.opts.maxDocBytes} bytes`, room.name)
    }
    for (const [client, to] of checked.clients) {
      if (to > room.knownClock(client)) {
        room.pendingClocks.set(client, to)
        room.clientOwners.set(client, conn)
      }
    }
    this.enqueue(room, update, conn.actor.id, conn)
  }

  private enqueue(room: Room, update: Uint8Array, userId: string | null, origin: unknown, onDone?: (seq: number) => void): void {
    room.pendingWrites++
    room.tailBytes += update.byteLength
    this.batch.push({
      doc: room.name,
      update,
      userId,
      onCommitted: (seq) => {
        room.pendingWrites--
        room.lastSeq = Math.max(room.lastSeq, seq)
        room.tailCount++
        room.dirtySinceVersion = true
        if (userId) room.editorsSinceVersion.add(userId)
        // Applied only now that it is durable: relaying happens in the doc's update handler.
        Y.applyUpdate(room.doc, update, origin)
        onDone?.(seq)
        if (room.connections.size === 0) this.scheduleUnload(room)
      },
    })
  }

  private afterCommit(writes: QueuedWrite[], seqs: number[]): void {
    const byDoc = new Map<string, { from: number; to: number; userId: string | null }>()
    writes.forEach((w, i) => {
      w.onCommitted(seqs[i])
      const range = byDoc.get(w.doc)
      byDoc.set(w.doc, { from: Math.min(range?.from ?? Infinity, seqs[i]), to: Math.max(range?.to ?? 0, seqs[i]), userId: w.userId })
    })
    this.metrics.updates.inc(writes.length)
    for (const [doc, range] of byDoc) {
      this.events.emit('persisted', { doc, seq: range.to, userId: range.userId } satisfies PersistedEvent)
      void this.fanout?.notify(doc, range.from, range.to)
      const room = this.rooms.get(doc)
      if (room) this.maybeCompact(room)
    }
  }

  private maybeCompact(room: Room): void {
    const bound = this.opts.compactAfter
    if (room.compacting || (room.tailCount < bound.updates && room.tailBytes < bound.bytes)) return
    room.compacting = true
    compactDoc(this.db, room.name)
      .then((merged) => {
        room.tailCount = Math.max(0, room.tailCount - merged)
        room.storedBytes = Y.encodeStateAsUpdate(room.doc).byteLength
        room.tailBytes = 0
        this.logger.debug({ doc: room.name, merged }, 'compacted')
      })
      .catch((err) => this.logger.warn({ err: (err as Error).message, doc: room.name }, 'compaction failed; will retry'))
      .finally(() => {
        room.compacting = false
      })
  }

  private handleAwareness(room: Room, conn: Connection, update: Uint8Array): void {
    const own = []
    for (const entry of decodeAwarenessUpdate(update)) {
      if (conn.awarenessClientId === null && !this.presenceOwned(room, entry.clientId)) {
        conn.awarenessClientId = entry.clientId
      }
      if (entry.clientId === conn.awarenessClientId) {
        own.push(entry)
        continue
      }
      // y-websocket clients echo every presence change they see, others' included; echoes and
      // local time-outs (null states) are ignored. A newer state for someone else is a spoof.
      const current = room.awareness.meta.get(entry.clientId)?.clock ?? -1
      if (entry.state !== null && entry.clock > current) {
        return this.refuse(conn, CloseCode.forbidden, 'presence for another client id', room.name)
      }
    }
    if (own.length === 0) return
    // The server, not the client, says who this is: nobody can appear as someone else.
    const stamped = own.map((e) => ({
      ...e,
      state:
        e.state === null
          ? null
          : {
              ...e.state,
              // Lexical draws collaborator cursors with `name`: that label is the server's too.
              name: `${conn.stamp.name} (${conn.stamp.mission})`,
              user: { ...(isObject(e.state.user) ? e.state.user : {}), ...conn.stamp },
            },
    }))
    applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(stamped), conn)
  }

  private presenceOwned(room: Room, clientId: number): boolean {
    for (const other of room.connections) if (other.awarenessClientId === clientId) return true
    return false
  }

  private scheduleUnload(room: Room): void {
    if (room.idleTimer || this.closed) return
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null
      void this.tryUnload(room)
    }, this.opts.idleUnloadMs)
    room.idleTimer.unref()
  }

  private async tryUnload(room: Room): Promise<void> {
    if (room.connections.size > 0 || this.rooms.get(room.name) !== room) return
    if (room.pendingWrites > 0) return this.scheduleUnload(room)
    await this.saveVersion(room, 'unload')
    if (room.connections.size > 0 || room.pendingWrites > 0) return
    this.rooms.delete(room.name)
    this.metrics.rooms.set(this.rooms.size)
    room.destroy()
    this.logger.debug({ doc: room.name }, 'room unloaded')
  }

  /** Writes a restorable version if the room changed since the last one. */
  async saveVersion(room: Room, reason: string): Promise<number | null> {
    if (!room.dirtySinceVersion) return null
    try {
      return await this.writeVersion(room, reason)
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, doc: room.name }, 'version not saved; will retry')
      return null
    }
  }

  /**
   * Writes a version of a document's live state now, even when unchanged since the last one
   * (history's restore keeps the state it replaces restorable). Loads the room if needed.
   */
  async forceVersion(docName: string, reason: string): Promise<number> {
    const room = await this.acquire(docName)
    try {
      return await this.writeVersion(room, reason)
    } finally {
      if (room.connections.size === 0) this.scheduleUnload(room)
    }
  }

  /** Stores the room's state as a version; on failure the room stays marked as changed. */
  private async writeVersion(room: Room, reason: string): Promise<number> {
    const editors = [...room.editorsSinceVersion]
    room.dirtySinceVersion = false
    room.editorsSinceVersion.clear()
    try {
      return await insertVersion(this.db, { doc: room.name, uptoSeq: room.lastSeq, state: Y.encodeStateAsUpdate(room.doc), editors, reason })
    } catch (err) {
      room.dirtySinceVersion = true
      for (const e of editors) room.editorsSinceVersion.add(e)
      throw err
    }
  }

  /**
   * Applies a server-side edit (restore, server-set fields) through the same persist-then-relay
   * path as a client's. Resolves with its seq once it is durable and relayed.
   */
  async applyServerUpdate(docName: string, update: Uint8Array, userId: string | null): Promise<number> {
    const room = await this.acquire(docName)
    Y.decodeUpdate(update) // throws on malformed input before anything is queued
    const seq = await new Promise<number>((resolve) => this.enqueue(room, update, userId, 'server', resolve))
    if (room.connections.size === 0) this.scheduleUnload(room)
    return seq
  }

  /** The live state of a document (loading it if needed), as one update. */
  async currentState(docName: string): Promise<Uint8Array> {
    const room = await this.acquire(docName)
    if (room.connections.size === 0) this.scheduleUnload(room)
    return Y.encodeStateAsUpdate(room.doc)
  }

  /** Closes a user's sockets (all, or those whose document `filter` picks) with 4403. */
  closeUserConnections(userId: string, filter: (docName: string) => boolean = () => true): number {
    let closed = 0
    for (const room of this.rooms.values()) {
      if (!filter(room.name)) continue
      for (const conn of room.connections) {
        if (conn.actor.id === userId) {
          this.refuse(conn, CloseCode.forbidden, 'access revoked', room.name)
          closed++
        }
      }
    }
    return closed
  }

  /** Every open connection of this process, with its document. */
  *openConnections(): Generator<{ doc: string; conn: Connection }> {
    for (const room of this.rooms.values()) for (const conn of room.connections) yield { doc: room.name, conn }
  }

  /** Closes every socket opened with one of these sessions (logout, expiry): 4401, sign in again. */
  closeSessionConnections(sessionHashes: ReadonlySet<string>, reason = 'session ended: sign in again'): number {
    let closed = 0
    for (const { doc, conn } of [...this.openConnections()]) {
      if (!sessionHashes.has(conn.sessionHash)) continue
      this.refuse(conn, CloseCode.unauthenticated, reason, doc)
      closed++
    }
    return closed
  }

  /** Other processes committed updates of `doc`: read and relay them if the room is open here. */
  private async onRemote(doc: string, from: number, to: number): Promise<void> {
    const room = this.rooms.get(doc) ?? (await this.loading.get(doc))
    if (!room) return
    for (const row of await readUpdatesBetween(this.db, doc, from, to)) {
      Y.applyUpdate(room.doc, new Uint8Array(row.update), 'remote')
      room.lastSeq = Math.max(room.lastSeq, row.seq)
    }
  }

  /** After a lost LISTEN connection: notifications may be lost, so re-read every open room. */
  private async resyncAll(): Promise<void> {
    for (const room of this.rooms.values()) {
      const stored = await readDocState(this.db, room.name)
      if (stored) Y.applyUpdate(room.doc, stored.update, 'remote')
    }
  }

  /** Stops: flushes every pending write, keeps final versions, closes sockets. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const drained = await this.batch.drain()
    if (!drained) this.logger.error({ pending: this.batch.size }, 'stopping with writes not yet durable')
    for (const room of this.rooms.values()) {
      await this.saveVersion(room, 'shutdown')
      for (const conn of room.connections) conn.close(CloseCode.goingAway, 'server stopping')
      room.destroy()
    }
    this.rooms.clear()
    await this.fanout?.stop()
  }

  /** Documents open in this process (tests and metrics). */
  openRooms(): string[] {
    return [...this.rooms.keys()]
  }

  /** Runs a SQL NOTIFY-free health probe. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db)
  }
}

/** A sync step 2 with nothing in it (the usual answer of an up-to-date client): nothing to store. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
