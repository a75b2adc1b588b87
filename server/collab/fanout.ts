import type pg from 'pg'
import type { Logger } from '../logger.js'

const CHANNEL = 'hubwork_doc'

/**
 * Several processes on one PostgreSQL (docs/architecture.md, scale-out): after a commit, NOTIFY (process, doc, seq
 * range); every other process with that room open reads those rows and relays them. A dedicated
 * connection LISTENs; when it drops (PostgreSQL restarted), it reconnects and asks for a resync,
 * since notifications sent meanwhile are lost.
 */
export class Fanout {
  private client: pg.PoolClient | null = null
  private stopped = false
  private retryMs = 100

  constructor(
    private readonly pool: pg.Pool,
    private readonly processId: string,
    private readonly logger: Logger,
    private readonly onRemote: (doc: string, from: number, to: number) => Promise<void>,
  ) {}

  async start(onReconnect: () => Promise<void>): Promise<void> {
    this.onReconnect = onReconnect
    await this.connect(false)
  }

  private onReconnect: () => Promise<void> = async () => {}

  private async connect(isReconnect: boolean): Promise<void> {
    if (this.stopped) return
    try {
      const client = await this.pool.connect()
      client.on('notification', (msg) => this.handle(msg.payload))
      client.on('error', () => this.lost(client))
      await client.query(`LISTEN ${CHANNEL}`)
      this.client = client
      this.retryMs = 100
      if (isReconnect) await this.onReconnect()
    } catch (err) {
      if (this.stopped) return
      this.logger.warn({ err: (err as Error).message }, 'LISTEN connection failed; retrying')
      this.retryMs = Math.min(this.retryMs * 2, 5_000)
      setTimeout(() => void this.connect(true), this.retryMs).unref()
    }
  }

  private lost(client: pg.PoolClient): void {
    if (this.client !== client) return
    this.client = null
    client.release(true)
    if (!this.stopped) setTimeout(() => void this.connect(true), this.retryMs).unref()
  }

  private handle(payload: string | undefined): void {
    try {
      const { p, d, a, b } = JSON.parse(payload ?? '') as { p: string; d: string; a: number; b: number }
      if (p === this.processId || typeof d !== 'string') return
      this.onRemote(d, a, b).catch((err) => this.logger.warn({ err: (err as Error).message, doc: d }, 'remote relay failed'))
    } catch {
      this.logger.warn('ignoring a malformed notification')
    }
  }

  /** Tells the other processes about a commit. Best effort: a lost NOTIFY is healed by resync. */
  async notify(doc: string, from: number, to: number): Promise<void> {
    try {
      await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ p: this.processId, d: doc, a: from, b: to })])
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, doc }, 'NOTIFY failed')
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    const client = this.client
    this.client = null
    if (client) {
      await client.query(`UNLISTEN ${CHANNEL}`).catch(() => {})
      client.release()
    }
  }
}
