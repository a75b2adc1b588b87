import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { appendUpdates, type CommitNotice, type PendingUpdate } from '../db/update-store.js'
import type { CollabMetrics } from './collab-metrics.js'

/** An update waiting for its group commit. */
export interface QueuedWrite extends PendingUpdate {
  /** Called in queue order once the update is durable. */
  onCommitted(seq: number): void
}

/**
 * Group commit: updates queue up while one INSERT is in flight and go together in the next one,
 * so the added latency is one round trip under any load. A failed commit keeps its updates at the
 * head of the queue and retries with backoff until the database answers again: nothing is
 * dropped, nothing is relayed before it is stored.
 */
export class WriteBatch {
  private queue: QueuedWrite[] = []
  private flushing: Promise<void> | null = null
  private scheduled = false
  private backoffMs = 0
  private retryTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly metrics: CollabMetrics,
    private readonly afterCommit: (writes: QueuedWrite[], seqs: number[]) => void,
    /** Other processes are told of each commit by its own INSERT (scale-out), when set. */
    private readonly notice?: CommitNotice,
    private readonly maxBatch = 500,
  ) {}

  /** Number of updates not yet durable. */
  get size(): number {
    return this.queue.length
  }

  push(write: QueuedWrite): void {
    this.queue.push(write)
    this.schedule()
  }

  private schedule(): void {
    if (this.scheduled || this.flushing || this.retryTimer) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.flushing = this.flush().finally(() => {
        this.flushing = null
        if (this.queue.length && !this.retryTimer) this.schedule()
      })
    })
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch)
    if (batch.length === 0) return
    const started = process.hrtime.bigint()
    let seqs: number[]
    try {
      seqs = await appendUpdates(this.db, batch, this.notice)
    } catch (err) {
      this.queue.unshift(...batch)
      this.metrics.commitFailures.inc()
      this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 50), 5_000)
      this.logger.warn({ err: (err as Error).message, pending: this.queue.length, retryMs: this.backoffMs }, 'group commit failed, retrying')
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null
        this.schedule()
      }, this.backoffMs)
      return
    }
    this.backoffMs = 0
    this.metrics.commitSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9)
    this.metrics.batchSize.observe(batch.length)
    this.afterCommit(batch, seqs)
  }

  /** Resolves once every queued update is durable (retrying as needed) or `timeoutMs` passes. */
  async drain(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while ((this.queue.length || this.flushing) && Date.now() < deadline) {
      if (this.retryTimer) {
        clearTimeout(this.retryTimer)
        this.retryTimer = null
        this.schedule()
      }
      await (this.flushing ?? new Promise((r) => setTimeout(r, 5)))
    }
    return this.queue.length === 0
  }
}
