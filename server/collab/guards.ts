import * as Y from 'yjs'

/**
 * Per-connection and per-update checks. Each failure names a close code ≥ 4000 and a reason; the
 * caller closes that one connection and the room carries on.
 */

/** Limits of one connection. */
export interface ConnectionLimits {
  messagesPerSecond: number
  bytesPerSecond: number
  /** Sync step 1 (full state requests) per second: each one costs a full state encoding. */
  syncRequestsPerSecond: number
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  messagesPerSecond: 300,
  bytesPerSecond: 32 * 1024 * 1024,
  syncRequestsPerSecond: 2,
}

/** A token bucket: `rate` per second, bursts up to `burst`. */
export class TokenBucket {
  private tokens: number
  private last = Date.now()
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst
  }

  /** Takes `n` tokens; false when the bucket is empty. */
  take(n = 1): boolean {
    const now = Date.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate)
    this.last = now
    if (this.tokens < n) return false
    this.tokens -= n
    return true
  }
}

/** The rate guards of one connection. */
export function connectionBuckets(limits: ConnectionLimits, maxFrameBytes: number) {
  return {
    messages: new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2),
    bytes: new TokenBucket(limits.bytesPerSecond, Math.max(limits.bytesPerSecond * 2, maxFrameBytes * 2)),
    syncRequests: new TokenBucket(limits.syncRequestsPerSecond, 5),
  }
}

/** Why an update was refused. */
export type UpdateRefusal = { reason: string }

/**
 * Checks an update before it is stored: it must decode, must not start past what the document
 * (plus writes still pending) already holds for any client — such structs would wait forever as
 * "pending" — and must not carry structs of a client id another connection owns.
 * @param knownClock  the next clock the document expects from a client (state vector + pending)
 * @param ownerOf     the connection owning a client id, if any
 * @returns the client ids the update writes (with the clock after their last struct), or a refusal
 */
export function checkUpdate(
  update: Uint8Array,
  knownClock: (client: number) => number,
  ownerOf: (client: number) => unknown,
  self: unknown,
): { clients: Map<number, number> } | UpdateRefusal {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs']
  try {
    // decodeUpdate walks every struct: malformed bytes and absurd lengths throw here.
    structs = Y.decodeUpdate(update).structs
  } catch {
    return { reason: 'malformed update' }
  }
  return checkClocks(structs, knownClock, ownerOf, self)
}

/** Whether an update starts past what the document holds for one of its clients (a clock gap). */
export function startsAhead(structs: readonly { id: Y.ID }[], knownClock: (client: number) => number): boolean {
  const seen = new Set<number>()
  for (const s of structs) {
    if (seen.has(s.id.client)) continue
    seen.add(s.id.client)
    if (s.id.clock > knownClock(s.id.client)) return true
  }
  return false
}

/** `checkUpdate` on an update decoded already (the sync server decodes each update once). */
export function checkClocks(
  structs: readonly { id: Y.ID; length: number }[],
  knownClock: (client: number) => number,
  ownerOf: (client: number) => unknown,
  self: unknown,
): { clients: Map<number, number> } | UpdateRefusal {
  // Per client, the first struct's clock and the clock after the last (a V1 update lists each client's structs in order).
  const from = new Map<number, number>()
  const to = new Map<number, number>()
  for (const s of structs) {
    if (!from.has(s.id.client)) from.set(s.id.client, s.id.clock)
    to.set(s.id.client, s.id.clock + s.length)
  }
  for (const [client, start] of from) {
    if (start > knownClock(client)) return { reason: `update starts at clock ${start} of client ${client}, ahead of the document` }
    const end = to.get(client) ?? start
    // Only new structs claim a client id; re-sending structs the document already has is harmless,
    // and asks nothing of their owner (`ownerOf` may test a holder: handover.ts). A peer's sync step 2
    // often carries structs of others that the room stored after the handshake began.
    if (end <= knownClock(client)) continue
    const owner = ownerOf(client)
    if (owner !== undefined && owner !== self) {
      return { reason: `client id ${client} belongs to another connection` }
    }
  }
  return { clients: to }
}
