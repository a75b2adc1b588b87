import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import * as Y from 'yjs'
import { removeAwarenessStates } from 'y-protocols/awareness'
import type { Database } from '../db/schema.js'
import type { Db } from '../db/connect.js'
import type { Logger } from '../logger.js'
import { CloseCode } from '../../shared/close-codes.js'
import { COMPACT_AFTER, readDocState, readUpdatesBetween } from '../db/update-store.js'
import { liveDocsOf, type LiveDocs } from '../db/live-docs.js'
import { appendStatusHistory } from '../../shared/log-doc.js'
import { editOnCopy, needsReadableRepair, readableRepair } from './edit-copy.js'
import type { Connection, Room } from './room.js'
import { createCollabMetrics, type CollabMetrics } from './collab-metrics.js'
import { connectionBuckets, DEFAULT_LIMITS, type ConnectionLimits } from './guards.js'
import type { CompactionBound } from './compaction.js'
import type { Verdict } from './door.js'
import { Fanout } from './fanout.js'
import { MessageHandler } from './messages.js'
import { encodeSyncStep1 } from './protocol.js'
import { relay } from './relay.js'
import { Rooms } from './rooms.js'
import { Versions } from './versions.js'
import { DEFAULT_HUB_MAX_BYTES, HubQuota } from './hub-quota.js'
import { parseDocName } from '../../shared/doc-names.js'
import { WritePath } from './write-path.js'
import { Heartbeat } from './heartbeat.js'
import { Handover } from './handover.js'
import type { WrittenMention } from './meaning/check-meaning.js'

export type { PersistedEvent } from './write-path.js'

/** How often, on PostgreSQL, open rooms are compared with the database (see `start`). */
const HEAL_EVERY_MS = 20_000

/** Tunables of the sync server; tests shorten the timers. */
export interface CollabOptions {
  maxFrameBytes: number
  maxDocBytes: number
  /** What one hub's documents may occupy in storage, in bytes (updates, snapshots, versions). */
  maxHubBytes?: number
  /** A room with no connection unloads after this long. */
  idleUnloadMs?: number
  /** While edited, a version is kept at least this often (once a minute by default). */
  versionIntervalMs?: number
  compactAfter?: CompactionBound
  limits?: ConnectionLimits
  /** Every socket is pinged this often; one that answers nothing by the next ping is dropped (heartbeat.ts). */
  pingMs?: number
  /** A new socket of the same session takes a client id over from a holder silent this long (handover.ts); default: `pingMs`. */
  handoverSilentMs?: number
  /** Otherwise the holder is pinged, and dropped if it answers nothing within this. */
  pongWaitMs?: number
  /** An HTTP fallback stream whose client POSTs nothing for this long is closed (http-links.ts). */
  httpSilenceMs?: number
}

/** Defaults of the liveness timers: a browser answers pings by itself, and renews its presence every 15 s. */
export const DEFAULT_PING_MS = 20_000
const DEFAULT_PONG_WAIT_MS = 5_000
/** Longer than a minute: a hidden tab's timers (its presence renewals) may fire only once a minute. */
const DEFAULT_HTTP_SILENCE_MS = 90_000

/** How the sync server talks to one socket; the HTTP adapter provides it. */
export interface Transport {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  isOpen(): boolean
  /** A WebSocket ping (the HTTP fallback has none); the answer comes back through `ConnectionHandle.heard`. */
  ping?(): void
  /** Drops the socket with no closing handshake (the peer stopped answering); default: `close`. */
  terminate?(): void
}

/** An open socket's side of the sync server: frames in, and the end of the socket. */
export interface ConnectionHandle {
  receive(data: Uint8Array): void
  /** A frame the protocol has no place for (text): closes the connection. */
  receiveText(): void
  /** A sign of life that is not a frame (a pong). */
  heard(): void
  disconnect(): void
}

/** Emitted (`mentioned`) once an update that writes mentions into a brief or note is stored. */
export interface MentionedEvent {
  doc: string
  mentions: WrittenMention[]
  /** The connection's user: the one who wrote the mentions. */
  byUserId: string
}

/** Who edits when the server edits a document: a person (a restore) or nobody (the server itself). */
export type EditActor = { id: string } | null

/**
 * The sync server: rooms (rooms.ts), the protocol (messages.ts), persist-before-relay
 * (write-path.ts, relay.ts), versions, compaction and, on PostgreSQL, fan-out to other processes.
 * Knows nothing of HTTP: the door (door.ts) decides, upgrade.ts hands over admitted sockets.
 * A little over 300 lines because it is the sync server's whole public surface, one short method
 * each; everything it delegates to is a file of its own.
 */
export class CollabServer {
  readonly events = new EventEmitter()
  readonly metrics: CollabMetrics = createCollabMetrics()
  readonly processId = randomBytes(6).toString('hex')
  private readonly rooms: Rooms
  private readonly versions: Versions
  private readonly writes: WritePath
  private readonly messages: MessageHandler
  private readonly fanout: Fanout | null
  private readonly quota: HubQuota
  private readonly opts: Required<CollabOptions>
  private readonly heartbeat: Heartbeat
  private readonly handover: Handover
  private nextConnId = 1
  private closed = false
  private healTimer: NodeJS.Timeout | null = null
  private readonly live: LiveDocs
  private readonly withdrawLive: () => void

  constructor(
    private readonly database: Db,
    private readonly logger: Logger,
    options: CollabOptions,
  ) {
    const pingMs = options.pingMs ?? DEFAULT_PING_MS
    this.opts = {
      idleUnloadMs: 30_000,
      versionIntervalMs: 60_000,
      compactAfter: COMPACT_AFTER,
      limits: DEFAULT_LIMITS,
      maxHubBytes: DEFAULT_HUB_MAX_BYTES,
      pingMs,
      handoverSilentMs: pingMs,
      pongWaitMs: DEFAULT_PONG_WAIT_MS,
      httpSilenceMs: DEFAULT_HTTP_SILENCE_MS,
      ...options,
    }
    this.heartbeat = new Heartbeat(this.opts.pingMs, () => this.roomConnections(), (room, conn) => this.drop(room, conn, 'heartbeat'))
    this.handover = new Handover(
      { silentMs: this.opts.handoverSilentMs, pongWaitMs: this.opts.pongWaitMs },
      (room, conn) => this.drop(room, conn, 'handover'),
      (room, conn) => this.replay(room, conn),
    )
    this.quota = new HubQuota(this.db, this.opts.maxHubBytes)
    this.events.setMaxListeners(50)
    this.versions = new Versions(this.db, logger, this.opts.versionIntervalMs)
    this.rooms = new Rooms(this.db, logger, this.metrics, this.versions, this.opts.idleUnloadMs, (room) => this.repairOnLoad(room))
    this.fanout = database.pool ? new Fanout(database.pool, this.processId, logger, (doc, from, to) => this.onRemote(doc, from, to)) : null
    this.writes = new WritePath(this.db, logger, this.metrics, this.rooms, this.fanout?.notice, this.events, this.opts.compactAfter)
    this.messages = new MessageHandler({
      logger,
      metrics: this.metrics,
      limits: this.opts.limits,
      maxDocBytes: this.opts.maxDocBytes,
      quota: this.quota,
      writes: this.writes,
      onStatusChanges: (docName, changes, by) => {
        const at = new Date().toISOString()
        this.editDoc(docName, null, (doc) => {
          for (const c of changes) appendStatusHistory(doc, c.entryId, { at, by, from: c.from, to: c.to })
        }).catch((err) => logger.warn({ err: (err as Error).message, doc: docName }, 'status history not recorded'))
      },
      // Who is told of a mention is no business of the sync server: it announces them (server/mentions listens).
      onMentions: (doc, mentions, byUserId) => this.events.emit('mentioned', { doc, mentions, byUserId } satisfies MentionedEvent),
      claim: (room, holder, claimant, refuse) => this.handover.claim(room, holder, claimant, refuse),
    })
    // The projection reads open rooms instead of the stored tail (db/live-docs.ts): a room's
    // document holds only stored content, everything stored up to its seq.
    this.live = liveDocsOf(this.db)
    this.withdrawLive = this.live.provide((doc) => {
      const room = this.rooms.get(doc)
      return room ? { doc: room.doc, uptoSeq: room.lastSeq } : null
    })
  }

  private get db(): Kysely<Database> {
    return this.database.db
  }

  /** Starts listening to other processes (PostgreSQL only). */
  async start(): Promise<void> {
    this.heartbeat.start()
    await this.fanout?.start(() => this.resyncAll())
    // A process killed between its commit and its NOTIFY (or a NOTIFY lost while PostgreSQL went
    // down) leaves the others' rooms behind with nothing to tell them: each open room is compared
    // with the database now and then (found by the soak: clients synced but missing a stored edit).
    if (this.fanout) {
      this.healTimer = setInterval(() => void this.resyncAll(true).catch((err) => this.logger.warn({ err: (err as Error).message }, 'periodic resync failed')), HEAL_EVERY_MS)
      this.healTimer.unref()
    }
  }

  get maxFrameBytes(): number {
    return this.opts.maxFrameBytes
  }

  /** How long an HTTP fallback stream may go without a POST before it is closed. */
  get httpSilenceMs(): number {
    return this.opts.httpSilenceMs
  }

  /**
   * Takes over a socket the door admitted: loads its room, starts the sync handshake, and handles
   * its frames in order (frames that arrive while the room loads wait for it).
   * @param options.acks the client asked for "stored" acknowledgements (shared/stored-acks.ts)
   */
  connect(admitted: Exclude<Verdict, { refuse: number }>, transport: Transport, options: { acks?: boolean } = {}): ConnectionHandle {
    const conn = new SocketConnection(
      this.nextConnId++,
      admitted,
      transport,
      connectionBuckets(this.opts.limits, this.opts.maxFrameBytes),
      // A reader's changes are never stored: nothing to acknowledge, ever.
      options.acks && !admitted.readOnly ? { received: 0, chain: Promise.resolve() } : null,
    )
    let room: Room | null = null
    const hubId = parseDocName(admitted.doc)?.hubId ?? ''
    const ready = this.quota.prime(hubId).then(() => this.rooms.acquire(admitted.doc)).then(
      (r) => {
        room = r
        if (conn.isOpen()) this.join(r, conn)
      },
      () => conn.close(CloseCode.serverError, 'document could not be loaded'),
    )
    return {
      receive: (data) => {
        conn.lastHeardAt = Date.now()
        void ready.then(() => room && !conn.refused && this.deliver(room, conn, data))
      },
      receiveText: () => this.messages.refuse(conn, CloseCode.malformed, 'text frames are not part of the protocol', admitted.doc),
      heard: () => {
        conn.lastHeardAt = conn.lastPongAt = Date.now()
      },
      disconnect: () => void ready.then(() => room && this.leave(room, conn)),
    }
  }

  /** One frame to the protocol, in order: frames wait while a claim of this connection is settled. */
  private deliver(room: Room, conn: Connection, data: Uint8Array): void {
    if (conn.held) return void conn.held.push(data)
    this.messages.handleFrame(room, conn, data)
    // This frame started a claim (handover.ts set `held`): it waits first, then those after it.
    ;(conn.held as Uint8Array[] | null)?.unshift(data)
  }

  /** A claim was settled for `conn` (its holder is gone): its waiting frames are handled, in order. */
  private replay(room: Room, conn: Connection): void {
    const frames = conn.held ?? []
    conn.held = null
    for (const data of frames) if (conn.isOpen()) this.deliver(room, conn, data)
  }

  /**
   * Drops a socket that stopped answering (the heartbeat) or whose client id its own client
   * reconnected to claim (a handover): at once, with its room membership, presence and client ids.
   */
  private drop(room: Room, conn: Connection, why: 'heartbeat' | 'handover'): void {
    if (why === 'heartbeat') this.metrics.heartbeatDropped.inc()
    else this.metrics.handovers.inc()
    this.logger.warn({ doc: room.name, userId: conn.actor.id, silentMs: Date.now() - conn.lastHeardAt, why }, 'dropping a silent sync connection')
    conn.terminate()
    this.leave(room, conn)
  }

  /** Every connection of every open room. */
  private *roomConnections(): Generator<{ room: Room; conn: Connection }> {
    for (const room of this.rooms.all()) for (const conn of room.connections) yield { room, conn }
  }

  /**
   * A Lexical document stored before the door checked node types may hold nodes the editor
   * cannot read, which would blank it for every reader. As it opens, the server keeps its state as
   * a version, then sets those nodes aside through the ordinary write path.
   */
  private async repairOnLoad(room: Room): Promise<void> {
    if (!needsReadableRepair(room)) return
    await this.versions.write(room, 'kept before setting aside content the editor cannot read')
    const repair = await readableRepair(room)
    this.logger.warn({ doc: room.name }, 'set aside nodes the editor cannot read')
    if (repair) await this.writes.write(room, repair, null, null)
  }

  private join(room: Room, conn: Connection): void {
    room.connections.add(conn)
    this.metrics.connections.inc()
    conn.send(encodeSyncStep1(room.doc))
    const presence = room.awarenessSnapshot()
    if (presence) conn.send(presence)
  }

  /** Removes a connection; its presence goes, and an empty room keeps a version and starts its idle countdown. */
  private leave(room: Room, conn: Connection): void {
    // A connection that sent frames but closed before it joined owns client ids too.
    for (const [client, owner] of room.clientOwners) if (owner === conn) room.clientOwners.delete(client)
    if (!room.connections.delete(conn)) return
    this.metrics.connections.dec()
    // Its presence goes, unless the same client id speaks through a newer socket already (a handover).
    const id = conn.awarenessClientId
    if (id !== null && ![...room.connections].some((o) => o.awarenessClientId === id)) removeAwarenessStates(room.awareness, [id], 'left')
    if (room.connections.size === 0) {
      void this.versions.save(room, 'last client left')
      this.rooms.release(room)
    }
  }

  /** Runs `use` on a document's open room (loading it if needed), releasing the room after. */
  private async withRoom<T>(docName: string, use: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.rooms.acquire(docName)
    try {
      return await use(room)
    } finally {
      this.rooms.release(room)
    }
  }

  /**
   * Writes a version of a document's live state now, even when unchanged since the last one
   * (history's restore keeps the state it replaces restorable).
   */
  forceVersion(docName: string, reason: string): Promise<number> {
    return this.withRoom(docName, (room) => this.versions.write(room, reason))
  }

  /**
   * The one way the server edits a document (restores, input states, moves between documents):
   * `edit` changes a copy of the live document, and what it changed goes through the same
   * persist-then-relay path as a client's edit, attributed to `actor`.
   * @returns the seq of the stored edit once it is durable and live, or null when `edit` changed nothing
   */
  editDoc(docName: string, actor: EditActor, edit: (doc: Y.Doc) => void | Promise<void>): Promise<number | null> {
    return this.withRoom(docName, async (room) => {
      const update = await editOnCopy(room, edit)
      return update ? this.writes.write(room, update, actor?.id ?? null, null) : null
    })
  }

  /**
   * Stores and relays an update the server computed elsewhere (tests; edits through `editDoc`
   * are preferred). @throws on a malformed update, before anything is queued
   */
  applyServerUpdate(docName: string, update: Uint8Array, userId: string | null): Promise<number> {
    Y.decodeUpdate(update)
    return this.withRoom(docName, (room) => this.writes.write(room, update, userId, null))
  }

  /** The live state of a document (loading it if needed), as one update. */
  currentState(docName: string): Promise<Uint8Array> {
    return this.withRoom(docName, (room) => Y.encodeStateAsUpdate(room.doc))
  }

  /** Closes a user's sockets (all, or those whose document `filter` picks) with 4403. */
  closeUserConnections(userId: string, filter: (docName: string) => boolean = () => true): number {
    // Others holding this user's authorization (live streams) end with these sockets.
    this.events.emit('user-closed', userId)
    let closed = 0
    for (const { doc, conn } of [...this.openConnections()]) {
      if (conn.actor.id !== userId || !filter(doc)) continue
      this.messages.refuse(conn, CloseCode.forbidden, 'access revoked', doc)
      closed++
    }
    return closed
  }

  /** Closes, with 4403, the sockets on a document whose person `lost` says may no longer read it. */
  closeConnectionsWhere(docName: string, lost: (actor: Connection['actor']) => boolean): number {
    const room = this.rooms.get(docName)
    if (!room) return 0
    let closed = 0
    for (const conn of [...room.connections]) {
      if (!lost(conn.actor)) continue
      this.messages.refuse(conn, CloseCode.forbidden, 'access revoked', docName)
      closed++
    }
    return closed
  }

  /** Every open connection of this process, with its document. */
  *openConnections(): Generator<{ doc: string; conn: Connection }> {
    for (const room of this.rooms.all()) for (const conn of room.connections) yield { doc: room.name, conn }
  }

  /** Closes every socket opened with one of these sessions (logout, expiry): 4401, sign in again. */
  closeSessionConnections(sessionHashes: ReadonlySet<string>, reason = 'session ended: sign in again'): number {
    this.events.emit('sessions-closed', sessionHashes)
    let closed = 0
    for (const { doc, conn } of [...this.openConnections()]) {
      if (!sessionHashes.has(conn.sessionHash)) continue
      this.messages.refuse(conn, CloseCode.unauthenticated, reason, doc)
      closed++
    }
    return closed
  }

  /** Other processes committed updates of `doc`: read and relay them if the room is open here. */
  private async onRemote(doc: string, from: number, to: number): Promise<void> {
    const room = await this.rooms.ifOpen(doc)
    if (!room) return
    const rows = await readUpdatesBetween(this.db, doc, from, to)
    for (const row of rows) {
      relay(room, new Uint8Array(row.update), null)
      room.lastSeq = Math.max(room.lastSeq, row.seq)
    }
    if (rows.length) this.live.remoteApplied(doc)
  }

  /** After a lost LISTEN connection notifications may be lost: relay what each open room lacks. */
  private async resyncAll(onlyBehind = false): Promise<void> {
    for (const room of [...this.rooms.all()]) {
      const stored = await readDocState(this.db, room.name)
      if (!stored) continue
      // The periodic check relays only to rooms lacking stored structs (not a delete-only update).
      if (onlyBehind && !isBehind(room.doc, stored.update)) continue
      const missing = Y.diffUpdate(stored.update, Y.encodeStateVector(room.doc))
      relay(room, missing, null)
      room.lastSeq = Math.max(room.lastSeq, stored.uptoSeq)
      this.live.remoteApplied(room.name)
    }
  }

  /** Stops: flushes every pending write, keeps final versions, closes sockets. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.withdrawLive()
    this.heartbeat.stop()
    const drained = await this.writes.drain()
    if (!drained) this.logger.error({ pending: this.writes.size }, 'stopping with writes not yet durable')
    for (const room of this.rooms.closeAll()) {
      await this.versions.save(room, 'shutdown')
      for (const conn of room.connections) conn.close(CloseCode.goingAway, 'server stopping')
      room.destroy()
    }
    if (this.healTimer) clearInterval(this.healTimer)
    await this.fanout?.stop()
  }

  /** Updates queued for the group commit, not yet durable (metrics). */
  get pendingWrites(): number {
    return this.writes.size
  }

  /** Documents open in this process (tests and metrics). */
  openRooms(): string[] {
    return this.rooms.names()
  }

  /** A database round trip, for the health check. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db)
  }
}

/** Whether `update` holds structs `doc` lacks. */
function isBehind(doc: Y.Doc, update: Uint8Array): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) if (clock > (have.get(client) ?? 0)) return true
  return false
}

/**
 * One socket on one document, as the sync server holds it: its methods live on the prototype, not
 * in closures made per socket (at 10,000 sockets every closure per connection is memory).
 */
class SocketConnection implements Connection {
  readonly actor: Connection['actor']
  readonly sessionHash: string
  readonly readOnly: boolean
  readonly stamp: Connection['stamp']
  readonly mission: string
  lastEditAt = 0
  awarenessClientId: number | null = null
  lastHeardAt = Date.now()
  lastPongAt = 0
  pingedAt: number | null = null
  held: Uint8Array[] | null = null
  /**
   * The server closed it. Frames a client sent before closing its socket are still handled (an
   * edit sent is an edit to keep); only after the server closed the connection are later frames ignored.
   */
  refused = false

  constructor(
    readonly id: number,
    admitted: Exclude<Verdict, { refuse: number }>,
    private readonly transport: Transport,
    readonly buckets: Connection['buckets'],
    readonly acks: Connection['acks'],
  ) {
    this.actor = admitted.actor
    this.sessionHash = admitted.sessionHash
    this.readOnly = admitted.readOnly
    this.stamp = admitted.stamp
    this.mission = admitted.mission
  }

  send(data: Uint8Array): void {
    this.transport.send(data)
  }

  isOpen(): boolean {
    return this.transport.isOpen()
  }

  close(code: number, reason: string): void {
    this.refused = true
    this.transport.close(code, reason)
  }

  ping(): boolean {
    if (!this.transport.ping) return false
    this.transport.ping()
    return true
  }

  terminate(): void {
    this.refused = true
    if (this.transport.terminate) this.transport.terminate()
    else this.transport.close(CloseCode.goingAway, 'no answer from the client')
  }
}
