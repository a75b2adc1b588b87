import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** The sync server's metrics, in a registry of its own (tests run several servers in one process). */
export function createCollabMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return {
    registry,
    rooms: new Gauge({ name: 'hubwork_rooms_open', help: 'Documents open in memory', registers: [registry] }),
    connections: new Gauge({ name: 'hubwork_connections_open', help: 'Open sync sockets', registers: [registry] }),
    updates: new Counter({ name: 'hubwork_updates_persisted_total', help: 'Updates stored and relayed', registers: [registry] }),
    dropped: new Counter({ name: 'hubwork_updates_dropped_total', help: 'Updates from read-only connections, dropped', registers: [registry] }),
    batchSize: new Histogram({
      name: 'hubwork_write_batch_size',
      help: 'Updates per group commit',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'hubwork_commit_seconds',
      help: 'Latency of one group commit',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    meaningSeconds: new Histogram({
      name: 'hubwork_update_check_seconds',
      help: 'Time to check what one update means before it is stored',
      buckets: [0.000005, 0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.005, 0.02],
      registers: [registry],
    }),
    commitFailures: new Counter({ name: 'hubwork_commit_failures_total', help: 'Failed group commits (retried)', registers: [registry] }),
    heartbeatDropped: new Counter({
      name: 'hubwork_sync_heartbeat_dropped_total',
      help: 'Sockets dropped because they answered no ping (half-open: the network died without a close)',
      registers: [registry],
    }),
    handovers: new Counter({
      name: 'hubwork_sync_handovers_total',
      help: "Silent sockets dropped because their own client reconnected on a new socket (same session) to claim its client id",
      registers: [registry],
    }),
    closed: new Counter({
      name: 'hubwork_connections_closed_total',
      help: 'Connections closed by the server, by reason',
      labelNames: ['code'],
      registers: [registry],
    }),
  }
}
export type CollabMetrics = ReturnType<typeof createCollabMetrics>
