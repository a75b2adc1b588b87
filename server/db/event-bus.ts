import type pg from 'pg'
import type { Logger } from '../logger.js'

const CHANNEL = 'hubwork_bus'

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes and more; the envelope takes a little. */
export const MAX_BUS_PAYLOAD_BYTES = 7_000

/** How often each process says it is alive: peers count and NOTIFY lag are measured on these too. */
export const HEARTBEAT_MS = 5_000

/** Where a message came from: this process (delivered at once) or another one (through NOTIFY). */
export interface BusOrigin {
  remote: boolean
  processId: string
}

type Handler = (payload: unknown, origin: BusOrigin) => void

/** What the bus reports to `/metrics`; optional so that a bus can run without a registry. */
export interface BusObserver {
  published(kind: string): void
  received(kind: string, lagSeconds: number): void
  failed(): void
  listening(up: boolean): void
}

/**
 * Events that every process of a deployment must hear (a session ended, a member was removed, a
 * comment was posted, roll-ups are stale). `publish` delivers to this process's subscribers at
 * once and, on PostgreSQL, NOTIFYs the others, whose subscribers get the same payload. On PGlite
 * there is only one process, so the bus is in-process only.
 *
 * Payloads are small facts (ids, a scope), never documents: PostgreSQL caps NOTIFY at 8000 bytes,
 * so a larger payload is refused here (callers split lists). Delivery to other processes is best
 * effort: a NOTIFY sent while the LISTEN connection is down is lost, so after a reconnect the
 * `onReconnect` hooks run and each subscriber heals what it may have missed (roll-up caches drop,
 * sessions are re-checked). Publishes go out one at a time, in order.
 */
export class EventBus {
  private readonly handlers = new Map<string, Set<Handler>>()
  private readonly reconnectHooks: (() => void)[] = []
  private readonly peers = new Map<string, number>()
  private client: pg.PoolClient | null = null
  private stopped = false
  private started = false
  private retryMs = 100
  private tail: Promise<void> = Promise.resolve()
  private queued = 0
  private heartbeat: NodeJS.Timeout | null = null

  constructor(
    private readonly pool: pg.Pool | null,
    readonly processId: string,
    private readonly logger: Logger,
    private readonly observer?: BusObserver,
  ) {}

  /** Whether other processes can hear this one (PostgreSQL). */
  get shared(): boolean {
    return this.pool !== null
  }

  /** Whether the LISTEN connection is up (always true in-process). */
  get listening(): boolean {
    return !this.pool || this.client !== null
  }

  /** Other processes heard from within the last three heartbeats. */
  peerCount(now = Date.now()): number {
    let n = 0
    for (const [id, at] of this.peers) {
      if (now - at < 3 * HEARTBEAT_MS) n++
      else this.peers.delete(id)
    }
    return n
  }

  /** Listens to other processes (PostgreSQL only) and starts the heartbeat. */
  async start(): Promise<void> {
    if (!this.pool || this.started) return
    this.started = true
    await this.connect(false)
    this.heartbeat = setInterval(() => this.publish('heartbeat', 0), HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  subscribe<T>(kind: string, handler: (payload: T, origin: BusOrigin) => void): () => void {
    let set = this.handlers.get(kind)
    if (!set) this.handlers.set(kind, (set = new Set()))
    set.add(handler as Handler)
    return () => set.delete(handler as Handler)
  }

  /** Runs after the LISTEN connection came back: notifications sent meanwhile were lost. */
  onReconnect(hook: () => void): void {
    this.reconnectHooks.push(hook)
  }

  /**
   * Delivers `payload` to this process's subscribers now and to every other process's soon.
   * @throws when the payload is too large for NOTIFY (a programming error: split it)
   */
  publish(kind: string, payload: unknown): void {
    const message = JSON.stringify({ p: this.processId, k: kind, t: Date.now(), d: payload })
    if (Buffer.byteLength(message) > MAX_BUS_PAYLOAD_BYTES) throw new Error(`bus payload of ${kind} too large (${Buffer.byteLength(message)} bytes)`)
    this.deliver(kind, payload, { remote: false, processId: this.processId })
    if (!this.pool || this.stopped) return
    this.observer?.published(kind)
    // A database that is down must not pile up NOTIFYs without bound: past 10,000 waiting, drop.
    if (this.queued >= 10_000) {
      this.observer?.failed()
      return
    }
    this.queued++
    const pool = this.pool
    this.tail = this.tail.then(async () => {
      try {
        await pool.query('select pg_notify($1, $2)', [CHANNEL, message])
      } catch (err) {
        this.observer?.failed()
        this.logger.warn({ err: (err as Error).message, kind }, 'NOTIFY failed; other processes heal at their next check')
      } finally {
        this.queued--
      }
    })
  }

  private deliver(kind: string, payload: unknown, origin: BusOrigin): void {
    for (const h of this.handlers.get(kind) ?? []) {
      try {
        h(payload, origin)
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, kind }, 'bus subscriber failed')
      }
    }
  }

  private handle(raw: string | undefined): void {
    let msg: { p: string; k: string; t: number; d: unknown }
    try {
      msg = JSON.parse(raw ?? '') as typeof msg
    } catch {
      this.logger.warn('ignoring a malformed bus message')
      return
    }
    if (typeof msg.p !== 'string' || typeof msg.k !== 'string' || msg.p === this.processId) return
    this.peers.set(msg.p, Date.now())
    this.observer?.received(msg.k, Math.max(0, (Date.now() - Number(msg.t)) / 1000))
    if (msg.k !== 'heartbeat') this.deliver(msg.k, msg.d, { remote: true, processId: msg.p })
  }

  private async connect(isReconnect: boolean): Promise<void> {
    if (this.stopped || !this.pool) return
    let client: pg.PoolClient | null = null
    try {
      client = await this.pool.connect()
      const c = client
      c.on('notification', (msg) => msg.channel === CHANNEL && this.handle(msg.payload))
      c.on('error', () => this.lost(c))
      c.on('end', () => this.lost(c))
      await c.query(`LISTEN ${CHANNEL}`)
      this.client = c
      this.retryMs = 100
      this.observer?.listening(true)
      if (isReconnect) {
        this.logger.info('bus LISTEN connection back')
        for (const hook of this.reconnectHooks) hook()
      }
    } catch (err) {
      client?.release(true)
      if (this.stopped) return
      this.logger.warn({ err: (err as Error).message }, 'bus LISTEN connection failed; retrying')
      this.retryMs = Math.min(this.retryMs * 2, 5_000)
      setTimeout(() => void this.connect(true), this.retryMs).unref()
    }
  }

  private lost(client: pg.PoolClient): void {
    if (this.client !== client) return
    this.client = null
    this.observer?.listening(false)
    client.release(true)
    if (!this.stopped) setTimeout(() => void this.connect(true), this.retryMs).unref()
  }

  /** Stops listening; publishes already queued still go out. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.heartbeat) clearInterval(this.heartbeat)
    // Bounded: a database that stopped answering must not hold the shutdown.
    await Promise.race([this.tail, new Promise((r) => setTimeout(r, 2_000).unref())])
    const client = this.client
    this.client = null
    if (client) {
      await client.query(`UNLISTEN ${CHANNEL}`).catch(() => {})
      client.release()
    }
  }
}
