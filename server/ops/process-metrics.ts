import type { EventEmitter } from 'node:events'
import type pg from 'pg'
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { BusObserver } from '../db/event-bus.js'
import { parseDocName } from '../../shared/doc-names.js'

/** What the process-wide metrics read when scraped. */
export interface MetricSources {
  streams: () => number
  peers: () => number
  pool: pg.Pool | null
  /** Updates queued for the group commit and not yet durable. */
  pendingWrites: () => number
}

/**
 * The process's metrics beyond the sync server's own (collab-metrics.ts), in the same registry:
 * live streams, the event bus (NOTIFY lag, peers, failures), projection lag, the database pool.
 * docs/production.md says what each means and which to alert on.
 */
export function createProcessMetrics(registry: Registry, sources: MetricSources) {
  const registers = [registry]
  new Gauge({ name: 'hubwork_sse_streams_open', help: 'Open live streams (/api/events)', registers, collect() { this.set(sources.streams()) } })
  new Gauge({ name: 'hubwork_bus_peers', help: 'Other processes heard on the event bus within 15 s', registers, collect() { this.set(sources.peers()) } })
  new Gauge({ name: 'hubwork_write_queue', help: 'Updates waiting for their group commit', registers, collect() { this.set(sources.pendingWrites()) } })
  const pool = sources.pool
  if (pool) {
    new Gauge({
      name: 'hubwork_db_pool_connections',
      help: 'Connections of the PostgreSQL pool, by state',
      labelNames: ['state'],
      registers,
      collect() {
        this.set({ state: 'total' }, pool.totalCount)
        this.set({ state: 'idle' }, pool.idleCount)
        this.set({ state: 'waiting' }, pool.waitingCount)
      },
    })
  }
  const listening = new Gauge({ name: 'hubwork_bus_listening', help: '1 while the event bus LISTEN connection is up', registers })
  listening.set(1)
  const messages = new Counter({ name: 'hubwork_bus_messages_total', help: 'Event bus messages, by direction and kind', labelNames: ['direction', 'kind'], registers })
  const failures = new Counter({ name: 'hubwork_bus_notify_failures_total', help: 'NOTIFYs that failed or were dropped (database down)', registers })
  const notifyLag = new Histogram({
    name: 'hubwork_notify_lag_seconds',
    help: 'From NOTIFY in another process to delivery here (includes clock skew across hosts)',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers,
  })
  const projectionLag = new Histogram({
    name: 'hubwork_projection_lag_seconds',
    help: 'From an edit stored to its document projected (items, search) by this process, by document type',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    // Logs are projected within their short debounce, briefs and notes once their edits pause (up to
    // 5 s by design): only the type tells an item's lag from a note's.
    labelNames: ['type'],
    registers,
  })
  // Each type's series exists from the start, as an unlabelled histogram's would (scrapes, dashboards).
  for (const type of ['log', 'brief', 'note']) projectionLag.zero({ type })
  const behind = new Map<string, number>()
  new Gauge({
    name: 'hubwork_projection_pending_docs',
    help: 'Documents edited here and not yet projected',
    registers,
    collect() {
      // Another process may have projected a document first (advisory lock): forget it after 2 min.
      const old = performance.now() - 120_000
      for (const [doc, at] of behind) if (at < old) behind.delete(doc)
      this.set(behind.size)
    },
  })

  const bus: BusObserver = {
    published: (kind) => messages.inc({ direction: 'out', kind }),
    received: (kind, lag) => {
      messages.inc({ direction: 'in', kind })
      notifyLag.observe(lag)
    },
    failed: () => failures.inc(),
    listening: (up) => listening.set(up ? 1 : 0),
  }

  /** Follows `persisted` (collab) and `projected` (projector) to time the projection's lag. */
  function followProjection(collabEvents: EventEmitter, projectionEvents: EventEmitter): () => void {
    const onPersisted = ({ doc }: { doc: string }) => {
      if (!behind.has(doc)) behind.set(doc, performance.now())
    }
    const onProjected = ({ doc }: { doc: string }) => {
      const since = behind.get(doc)
      if (since === undefined) return
      behind.delete(doc)
      projectionLag.observe({ type: parseDocName(doc)?.type ?? 'other' }, (performance.now() - since) / 1000)
    }
    collabEvents.on('persisted', onPersisted)
    projectionEvents.on('projected', onProjected)
    return () => {
      collabEvents.off('persisted', onPersisted)
      projectionEvents.off('projected', onProjected)
    }
  }

  return { bus, followProjection }
}
