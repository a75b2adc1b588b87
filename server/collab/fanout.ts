import type pg from 'pg'
import type { Logger } from '../logger.js'
import type { CommitNotice } from '../db/update-store.js'

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
      const { p, d, a, b, r } = JSON.parse(payload ?? '') as { p: string; d?: string; a?: number; b?: number; r?: [string, number, number][] }
      if (p === this.processId) return
      // One notification per commit names every document it touched (`r`); a single `d/a/b` is
      // what processes of the previous version send, during a rolling upgrade.
      const ranges = Array.isArray(r) ? r : [[d, a, b]]
      for (const [doc, from, to] of ranges) {
        if (typeof doc !== 'string' || typeof from !== 'number' || typeof to !== 'number') continue
        this.onRemote(doc, from, to).catch((err) => this.logger.warn({ err: (err as Error).message, doc }, 'remote relay failed'))
      }
    } catch {
      this.logger.warn('ignoring a malformed notification')
    }
  }

  /**
   * How commits are announced: the group commit's INSERT NOTIFYs in the same statement (see
   * `appendUpdates`), one notification per document, each far under PostgreSQL's 8,000-byte
   * payload limit (a document name is at most 200 characters). Best effort: a lost notification
   * is healed by resync.
   */
  get notice(): CommitNotice {
    return { channel: CHANNEL, processId: this.processId }
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
