import type { Connection, Room } from './room.js'

/** What happens to a connection claiming a client id (Yjs structs or presence) another open connection holds. */
export type ClaimVerdict =
  /** The holder was dropped: the claimant goes on as if nobody held the id. */
  | 'free'
  /** The holder is being asked (pinged): the claimant's frames wait (`Connection.held`), then are handled again or refused. */
  | 'asked'
  /** The holder stays: the claimant is refused as before (4400 / 4403). */
  | 'refuse'

export interface HandoverOptions {
  /** A holder silent (no frame, no pong) for longer than this is dropped at once. */
  silentMs: number
  /** Otherwise it is pinged: a holder that answers nothing within this is dropped. */
  pongWaitMs: number
}

/**
 * A client id belongs to one connection while that connection lives: a second socket must not
 * write under it (two writers would make clashing structs). But a client whose network dropped
 * reconnects with its own id at once, while its old socket may still look open here (half-open:
 * no close ever arrived) — until the heartbeat (heartbeat.ts) notices, up to two intervals later.
 *
 * So when the claimant comes with the SAME session as the holder (the same browser: another
 * person, or another sign-in, is refused as before), the holder is tested: silent past `silentMs`
 * it is dropped at once; otherwise it is pinged, and the claimant's frames wait for at most
 * `pongWaitMs`: a holder that answers (a pong; a POST for an HTTP stream) keeps the id (the claimant gets 4400,
 * as before), one that does not is dropped and the claimant's frames are handled in order. Two
 * live sockets of one honest client never share a client id (a Y.Doc draws a new one per tab), so
 * the only live holder this can drop is one that stopped answering.
 */
export class Handover {
  /** The holder each waiting claimant asked about. */
  private readonly asking = new WeakMap<Connection, Connection>()

  constructor(
    private readonly opts: HandoverOptions,
    private readonly drop: (room: Room, holder: Connection) => void,
    /** Handles the claimant's waiting frames again (the holder is gone). */
    private readonly replay: (room: Room, claimant: Connection) => void,
  ) {}

  /** @param refuse refuses the claimant, if the holder answers the ping (the 'refuse' verdict is the caller's to act on) */
  claim(room: Room, holder: Connection, claimant: Connection, refuse: () => void): ClaimVerdict {
    if (holder.sessionHash !== claimant.sessionHash) return 'refuse'
    if (this.asking.has(claimant)) return 'asked'
    const askedAt = Date.now()
    if (askedAt - holder.lastHeardAt > this.opts.silentMs) {
      this.drop(room, holder)
      return 'free'
    }
    // Only a pong proves the holder alive now: frames it sent before its client moved on may still be
    // arriving (found by the soak: such late frames made live-looking holders refuse their own client).
    // A stream of the HTTP fallback cannot be pinged: it must then show life by itself (a POST).
    const pinged = holder.ping()
    this.asking.set(claimant, holder)
    claimant.held = []
    const deadline = askedAt + this.opts.pongWaitMs
    const check = () => {
      const answered = holder.isOpen() && (pinged ? holder.lastPongAt : holder.lastHeardAt) >= askedAt
      if (!answered && holder.isOpen() && Date.now() < deadline) return void setTimeout(check, 20).unref()
      this.asking.delete(claimant)
      if (answered) {
        claimant.held = null
        return refuse()
      }
      if (holder.isOpen()) this.drop(room, holder)
      this.replay(room, claimant)
    }
    setTimeout(check, 20).unref()
    return 'asked'
  }
}
