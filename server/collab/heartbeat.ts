import type { Connection, Room } from './room.js'

/**
 * The sync server's heartbeat. A socket whose network died without a close (a NAT that forgot the
 * route, a laptop lid, a proxy that lost its upstream) stays open on the server for as long as TCP
 * cares to retry: minutes. Meanwhile it holds its room, its presence and its Yjs client id, so the
 * same client reconnecting would be refused ("client id … belongs to another connection").
 *
 * Every `pingMs` each open socket is pinged; one that has sent nothing (no frame, no pong) since
 * the previous ping is dropped at once (`drop`). A browser answers pings from its network stack,
 * so a hidden or throttled tab still answers. Streams that cannot be pinged (the HTTP fallback)
 * keep their own silence rule (http-links.ts).
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null
  private lastTick = 0

  constructor(
    private readonly pingMs: number,
    private readonly connections: () => Iterable<{ room: Room; conn: Connection }>,
    private readonly drop: (room: Room, conn: Connection) => void,
  ) {}

  start(): void {
    if (this.timer || !Number.isFinite(this.pingMs) || this.pingMs <= 0) return
    this.lastTick = Date.now()
    this.timer = setInterval(() => this.tick(), this.pingMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private tick(): void {
    const now = Date.now()
    // A process that stalled (CPU starved, a long GC) has not read the pongs waiting in its
    // sockets yet: nobody is judged on a late tick, everyone is pinged again.
    const late = now - this.lastTick > this.pingMs * 1.5
    this.lastTick = now
    // The verdict runs after the event loop's poll phase, so that pongs already received by the
    // kernel are read first (timers run before I/O in each loop turn).
    setImmediate(() => {
      for (const { room, conn } of [...this.connections()]) {
        if (!conn.isOpen()) continue
        if (!late && conn.pingedAt !== null && conn.lastHeardAt < conn.pingedAt) {
          this.drop(room, conn)
          continue
        }
        if (conn.ping()) conn.pingedAt = Date.now()
      }
    })
  }
}
