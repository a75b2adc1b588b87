import type pg from 'pg'
import type { Logger } from '../logger.js'

const CHANNEL = 'hubwork_doc'
/** Room left under PostgreSQL's 8,000-byte NOTIFY payload for the process id and the JSON around the ranges. */
const MAX_PAYLOAD_BYTES = 7_000

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
   * Tells the other processes about a commit: ONE query however many documents it touched (a
   * NOTIFY per document was a round trip per update under load). Payloads stay under
   * PostgreSQL's 8,000-byte limit by splitting into several notifications in that one query.
   * Best effort: a lost NOTIFY is healed by resync.
   */
  async notify(ranges: readonly (readonly [doc: string, from: number, to: number])[]): Promise<void> {
    if (ranges.length === 0) return
    const payloads: string[] = []
    let chunk: (readonly [string, number, number])[] = []
    let bytes = 0
    const flush = () => {
      if (chunk.length) payloads.push(JSON.stringify({ p: this.processId, r: chunk }))
      chunk = []
      bytes = 0
    }
    for (const range of ranges) {
      const size = Buffer.byteLength(JSON.stringify(range)) + 1
      if (bytes + size > MAX_PAYLOAD_BYTES) flush()
      chunk.push(range)
      bytes += size
    }
    flush()
    try {
      await this.pool.query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [CHANNEL, payloads])
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, docs: ranges.length }, 'NOTIFY failed')
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
