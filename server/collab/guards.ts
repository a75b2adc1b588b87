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
 * @returns the client ids the update writes, or a refusal
 */
export function checkUpdate(
  update: Uint8Array,
  knownClock: (client: number) => number,
  ownerOf: (client: number) => unknown,
  self: unknown,
): { clients: Map<number, number> } | UpdateRefusal {
  let meta: { from: Map<number, number>; to: Map<number, number> }
  try {
    // decodeUpdate walks every struct: malformed bytes and absurd lengths throw here.
    Y.decodeUpdate(update)
    meta = Y.parseUpdateMeta(update)
  } catch {
    return { reason: 'malformed update' }
  }
  for (const [client, from] of meta.from) {
    if (from > knownClock(client)) return { reason: `update starts at clock ${from} of client ${client}, ahead of the document` }
    const to = meta.to.get(client) ?? from
    const owner = ownerOf(client)
    // Only new structs claim a client id; re-sending structs the document already has is harmless.
    if (to > knownClock(client) && owner !== undefined && owner !== self) {
      return { reason: `client id ${client} belongs to another connection` }
    }
  }
  return { clients: meta.to }
}
