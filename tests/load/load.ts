import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { procStats, type ServerProcess } from './servers.js'

export interface LoadPoint {
  name: string
  clients: number
  docs: number
  /** Edits per second per client. */
  rate: number
  seconds: number
}

export interface PointResult {
  server: string
  point: string
  edits: number
  received: number
  lost: number
  p50: number
  p99: number
  max: number
  serverCpuPct: number
  serverRssMiB: number
  generatorCpuPct: number
  connectSeconds: number
  /** Database transactions per edit during the point (bench.ts fills it in; the reference stores nothing). */
  dbXactsPerEdit?: number
  /** Log writers of the projection-lag probe that ran beside the point (their edits and API polls load the server too). */
  lagProbe?: number
}

/** What runs beside a load point's edits (bench.ts's projection-lag probe): awaited around the timed window. */
export interface PointHooks {
  /** Every client is synced; the edits start once it resolves. */
  editing?: () => Promise<void>
  /** The edits stopped and CPU was read; the drain starts once it resolves. */
  edited?: () => Promise<void>
}

const now = () => performance.timeOrigin + performance.now()

function percentile(sorted: Float64Array, q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN
}

/**
 * Runs one load point against one server: `clients` real WebsocketProviders spread over `docs`
 * documents, each pushing `{client, n, t}` into the document's array at `rate` edits/s; every
 * other client of the document records now − t when the entry arrives. Lost = receptions that
 * never happened after the drain.
 */
export async function runPoint(
  server: ServerProcess,
  point: LoadPoint,
  docName: (i: number) => string,
  headers: (i: number) => Record<string, string>,
  hooks: PointHooks = {},
): Promise<PointResult> {
  const clients: { doc: Y.Doc; provider: WebsocketProvider; docIndex: number; sent: number; received: number }[] = []
  const latencies: number[] = []
  const started = Date.now()
  for (let i = 0; i < point.clients; i++) {
    const h = headers(i)
    class HeaderWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: h })
      }
    }
    const docIndex = i % point.docs
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(server.url, docName(docIndex), doc, {
      WebSocketPolyfill: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    const client = { doc, provider, docIndex, sent: 0, received: 0 }
    doc.getArray<{ c: number; n: number; t: number }>('edits').observe((event) => {
      const at = now()
      for (const d of event.changes.delta) {
        for (const e of (d.insert as { c: number; t: number }[] | undefined) ?? []) {
          if (e.c === i) continue
          client.received++
          latencies.push(at - e.t)
        }
      }
    })
    clients.push(client)
    // Ramp up in batches so the accept queue stays sane at 10,000 sockets.
    if (i % 250 === 249) await waitFor(() => clients.every((c) => c.provider.synced), 120_000)
  }
  await waitFor(() => clients.every((c) => c.provider.synced), 120_000)
  const connectSeconds = (Date.now() - started) / 1000
  latencies.length = 0
  await hooks.editing?.()

  const cpu0 = procStats(server.pid)
  const gen0 = process.cpuUsage()
  const t0 = Date.now()
  const interval = 1000 / point.rate
  const timers = clients.map((c, i) =>
    setTimeout(function tick() {
      c.doc.getArray('edits').push([{ c: i, n: c.sent++, t: now() }])
      timers[i] = setTimeout(tick, interval)
    }, Math.random() * interval),
  )
  await new Promise((r) => setTimeout(r, point.seconds * 1000))
  timers.forEach(clearTimeout)
  const wall = Date.now() - t0
  const cpu1 = procStats(server.pid)
  const gen1 = process.cpuUsage(gen0)
  await hooks.edited?.()

  // Drain: every client of a document should hold every entry sent to it.
  const sentPerDoc = new Map<number, number>()
  for (const c of clients) sentPerDoc.set(c.docIndex, (sentPerDoc.get(c.docIndex) ?? 0) + c.sent)
  const expected = () => clients.reduce((n, c) => n + (sentPerDoc.get(c.docIndex)! - c.sent), 0)
  await waitFor(() => clients.reduce((n, c) => n + c.received, 0) >= expected(), 10_000).catch(() => {})
  const received = clients.reduce((n, c) => n + c.received, 0)
  const sorted = Float64Array.from(latencies).sort()
  for (const c of clients) {
    c.provider.destroy()
    c.doc.destroy()
  }
  return {
    server: server.name,
    point: point.name,
    edits: clients.reduce((n, c) => n + c.sent, 0),
    received,
    lost: Math.max(0, expected() - received),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    serverCpuPct: ((cpu1.cpuMs - cpu0.cpuMs) / wall) * 100,
    serverRssMiB: cpu1.rssMiB,
    generatorCpuPct: ((gen1.user + gen1.system) / 1000 / wall) * 100,
    connectSeconds,
  }
}

async function waitFor(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}
