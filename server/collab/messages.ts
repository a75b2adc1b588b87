import * as Y from 'yjs'
import type { Logger } from '../logger.js'
import { CloseCode } from '../../shared/close-codes.js'
import { parseDocName } from '../../shared/doc-names.js'
import type { EntryOrigin } from '../db/update-store.js'
import { buildItemId } from '../../shared/item-id.js'
import { canCoordinate } from '../../shared/access.js'
import type { CollabMetrics } from './collab-metrics.js'
import { checkClocks, startsAhead, type ConnectionLimits } from './guards.js'
import { checkMeaning, type StatusChange, type WrittenMention } from './meaning/check-meaning.js'
import { indexStructs } from './meaning/struct-places.js'
import { applyPresence, PRESENCE_SPOOF } from './presence.js'
import { decodeClientMessage, encodeSyncStep2, ProtocolError, type ClientMessage } from './protocol.js'
import type { Connection, Room } from './room.js'
import type { WritePath } from './write-path.js'
import type { HubQuota } from './hub-quota.js'
import { encodeStored } from '../../shared/stored-acks.js'
import type { ClaimVerdict } from './handover.js'

/** What the message handler needs of the sync server. */
export interface MessageContext {
  logger: Logger
  metrics: CollabMetrics
  limits: ConnectionLimits
  maxDocBytes: number
  quota: HubQuota
  writes: WritePath
  /** Records accepted status changes of actions (the server's own edit, after the change is stored). */
  onStatusChanges(docName: string, changes: StatusChange[], byUserId: string): void
  /** Mentions an accepted update wrote into a brief or note, once stored (heard of asynchronously: server/mentions). */
  onMentions(docName: string, mentions: WrittenMention[], byUserId: string): void
  /** A claim on a client id another open connection holds (handover.ts): `refuse` if the holder keeps it. */
  claim(room: Room, holder: Connection, claimant: Connection, refuse: () => void): ClaimVerdict
}

/**
 * The y-websocket protocol, one frame at a time: rate guards, decoding, sync requests, updates
 * (checked, then handed to the write path) and presence. Every failure closes that one
 * connection with a code ≥ 4000 and a reason; the room and its other connections carry on.
 */
export class MessageHandler {
  /** Connections whose first sync step 2 has arrived: their state and the room's are reconciled. */
  private readonly handshaken = new WeakSet<Connection>()
  /** Connections that sent an update ahead of the document before their step 2: closed unless it comes. */
  private readonly gapTimers = new WeakMap<Connection, NodeJS.Timeout>()

  constructor(private readonly ctx: MessageContext) {}

  /** Closes one connection with a reason, counting it. */
  refuse(conn: Connection, code: number, reason: string, doc: string): void {
    this.ctx.metrics.closed.inc({ code: String(code) })
    this.ctx.logger.warn({ doc, userId: conn.actor.id, code, reason }, 'closing sync connection')
    conn.close(code, reason)
  }

  /** Drops an edit that starts past the document until the connection's step 2 has come (see GAP_GRACE_MS). */
  private awaitStep2(room: Room, conn: Connection, reason: string): void {
    if (this.gapTimers.has(conn)) return
    const timer = setTimeout(() => {
      if (!this.handshaken.has(conn) && conn.isOpen()) this.refuse(conn, CloseCode.malformed, reason, room.name)
    }, GAP_GRACE_MS)
    timer.unref()
    this.gapTimers.set(conn, timer)
  }

  /**
   * Handles one binary frame of a connection. A frame that starts a claim on a held client id
   * (handover.ts) is handled no further: `conn.held` is set, and the frame is handled again later.
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
      this.ctx.logger.error({ err, doc: room.name }, 'sync message failed')
      this.refuse(conn, CloseCode.malformed, 'message could not be processed', room.name)
    }
  }

  private handleMessage(room: Room, conn: Connection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1': {
        if (!conn.buckets.syncRequests.take()) return this.refuse(conn, CloseCode.rateLimited, 'sync requests too frequent', room.name)
        let answer: Uint8Array
        try {
          answer = encodeSyncStep2(room.doc, message.stateVector)
        } catch {
          return this.refuse(conn, CloseCode.malformed, 'malformed state vector', room.name)
        }
        return conn.send(answer)
      }
      case 'update': {
        const handled = this.handleUpdate(room, conn, message.update, message.step2)
        // A frame waiting for a claim to be settled is handled (and acknowledged) when it is replayed.
        if (conn.held) return
        if (conn.acks) acknowledge(conn, conn.acks, handled)
        return
      }
      case 'awareness': {
        const refusal = applyPresence(room, conn, message.update, (holder) =>
          this.ctx.claim(room, holder, conn, () => this.refuse(conn, CloseCode.forbidden, PRESENCE_SPOOF, room.name)),
        )
        if (refusal) this.refuse(conn, CloseCode.forbidden, refusal.reason, room.name)
        return
      }
      case 'query-awareness': {
        const presence = room.awarenessSnapshot()
        if (presence) conn.send(presence)
      }
    }
  }

  /**
   * Checks an update and hands it to the write path.
   * @returns the write, when it was queued (resolves once durable); nothing when the update needed
   *   no storing (empty, or carried by the coming step 2) or the connection was refused
   */
  private handleUpdate(room: Room, conn: Connection, update: Uint8Array, step2: boolean): Promise<void> | void {
    if (step2 && !this.handshaken.has(conn)) {
      this.handshaken.add(conn)
      clearTimeout(this.gapTimers.get(conn))
    }
    if (conn.readOnly) {
      // Read-only callers get nothing stored, relayed or acknowledged.
      this.ctx.metrics.dropped.inc()
      return
    }
    if (isEmptyUpdate(update)) return
    conn.lastEditAt = Date.now()
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      // decodeUpdate walks every struct: malformed bytes and absurd lengths throw here.
      decoded = Y.decodeUpdate(update)
    } catch {
      return this.refuse(conn, CloseCode.malformed, 'malformed update', room.name)
    }
    // A client id's owner whose socket is closed already (its close not yet handled) is no owner: the
    // same client reconnecting at once must not be refused for its own id. An open owner of the
    // same session may be a half-open socket: it is tested (handover.ts), and meanwhile this frame waits.
    let asked = false
    const ownerOf = (c: number) => {
      const owner = room.clientOwners.get(c)
      if (!owner || !owner.isOpen() || !mayAuthor(owner, c)) return undefined
      if (owner === conn || asked) return owner
      const verdict = this.ctx.claim(room, owner, conn, () => this.refuse(conn, CloseCode.malformed, `client id ${c} belongs to another connection, which answered`, room.name))
      if (verdict === 'free') return undefined
      asked = verdict === 'asked'
      return owner
    }
    const checked = checkClocks(decoded.structs, (c) => room.knownClock(c), ownerOf, conn)
    if ('reason' in checked) {
      // The claim is being settled: this frame waits (`conn.held`) and comes back here.
      if (asked) return
      if (!this.handshaken.has(conn) && startsAhead(decoded.structs, (c) => room.knownClock(c))) return this.awaitStep2(room, conn, checked.reason)
      return this.refuse(conn, CloseCode.malformed, checked.reason, room.name)
    }
    if (room.storedBytes + room.tailBytes + update.byteLength > this.ctx.maxDocBytes) {
      return this.refuse(conn, CloseCode.docTooLarge, `document would exceed ${this.ctx.maxDocBytes} bytes`, room.name)
    }
    const hubId = parseDocName(room.name)?.hubId ?? ''
    if (!this.ctx.quota.fits(hubId, update.byteLength)) {
      return this.refuse(conn, CloseCode.docTooLarge, `hub storage full: its documents may hold ${this.ctx.quota.maxBytes} bytes`, room.name)
    }
    const index = indexStructs(decoded.structs)
    const started = performance.now()
    const meaning = checkMeaning(room, decoded, index, { userId: conn.actor.id, mission: conn.mission, now: Date.now(), coordinator: canCoordinate(conn.actor, hubId) })
    this.ctx.metrics.meaningSeconds.observe((performance.now() - started) / 1000)
    if ('field' in meaning) return this.refuse(conn, CloseCode.refusedMeaning, `${meaning.field}: ${meaning.reason}`, room.name)
    for (const [client, to] of checked.clients) {
      if (to > room.knownClock(client)) {
        room.pendingClocks.set(client, to)
        // Forwarding another tab's structs (received through another process) makes no one their author.
        if (mayAuthor(conn, client)) room.clientOwners.set(client, conn)
      }
    }
    this.ctx.quota.add(hubId, update.byteLength)
    const origins: EntryOrigin[] = meaning.effects.created.map((e) => ({
      itemId: buildItemId(hubId, e.kind, e.entryId),
      hubId,
      userId: conn.actor.id,
      mission: conn.mission,
    }))
    const { statusChanges, mentions } = meaning.effects
    room.pendingIndexes.push(index)
    return this.ctx.writes.write(room, update, conn.actor.id, conn, origins).then(() => {
      room.pendingIndexes.splice(room.pendingIndexes.indexOf(index), 1)
      if (statusChanges.length) this.ctx.onStatusChanges(room.name, statusChanges, conn.actor.id)
      if (mentions.length) this.ctx.onMentions(room.name, mentions, conn.actor.id)
    })
  }
}

/**
 * Acknowledges an update frame once it and every earlier one of the connection are handled (writes
 * commit in order, but an empty step 2 is handled at once: the chain keeps the count honest). A
 * refused connection is closed: it gets no acknowledgement.
 */
function acknowledge(conn: Connection, acks: NonNullable<Connection['acks']>, handled: Promise<void> | void): void {
  const n = ++acks.received
  acks.chain = acks.chain
    .then(() => handled)
    .then(() => {
      if (conn.isOpen()) conn.send(encodeStored(n))
    })
}

/**
 * An honest client reconnecting after its process died may hold edits the room never stored (they
 * were queued in the dead process): an edit typed before the handshake ends then starts past the
 * document. Its sync step 2, answering the step 1 sent at join, carries everything the room lacks,
 * that edit included, so the edit is dropped here rather than refused; a connection whose step 2
 * does not come within GAP_GRACE_MS (long: a busy server answers late) is closed as before (4400),
 * having stored nothing.
 */
const GAP_GRACE_MS = 10_000


/**
 * Whether a connection may be the writer of a client id's new structs: an honest client writes
 * under one id, its Y.Doc's, which is also the presence id it speaks for; structs of other ids it
 * sends were received from peers (possibly through a process this room never heard from) and are
 * only forwarded. A connection that has not spoken for a presence id yet may be either.
 */
function mayAuthor(conn: Connection, client: number): boolean {
  return conn.awarenessClientId === null || conn.awarenessClientId === client
}

/** A sync step 2 with nothing in it (the usual answer of an up-to-date client): nothing to store. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0
}
