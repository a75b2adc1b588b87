/**
 * Projection lag under load (target: p99 < 1 s from an edit stored to its item queryable): a
 * few extra clients post and edit entries in hub log documents while a load point runs, and each
 * entry is timed until `/api/items?hubId=` lists it (polled every 25 ms while something is awaited).
 * Two client-side figures: from the edit sent (end to end, what a colleague waits) and from the
 * server's "stored" acknowledgement (shared/stored-acks.ts: what the target times, plus the ack's
 * trip back). Beside them, the server's own `hubwork_projection_lag_seconds` histogram for log
 * documents over the same window, read from `/metrics` (its buckets bound its quantiles).
 * Used by bench.ts (the lag section); not a script of its own.
 */
import * as decoding from 'lib0/decoding'
import { createAction, createExchange, updateItem } from '../../shared/log-doc.js'
import { logDocName } from '../../shared/doc-names.js'
import { messageStored, STORED_ACKS_PARAM } from '../../shared/stored-acks.js'
import { connectClient } from '../support/ws-client.js'

/** A hub whose log one client edits, as one of its EU delegation's staff. */
export interface LagWriter {
  hubId: string
  userId: string
  cookie: string
}

export interface LagFigures {
  p50: number
  p99: number
  max: number
}

/** The server histogram's quantiles, as the upper bounds of their buckets (s). */
export interface ServerLag {
  /** Which projections it counts: log documents only, or every document (a server without the `type` label). */
  documents: 'log' | 'all'
  count: number
  p50: number
  p99: number
  /** Share of projections within 1 s. */
  within1s: number
  /**
   * Briefs and notes projected in the same window (null without the label): one projector serves
   * every document, so their projections are the queue a log may wait in.
   */
  others: number | null
}

export interface LagResult {
  point: string
  writers: number
  edits: number
  /** Edits listed by the API before the drain's deadline; the others count as missing. */
  listed: number
  missing: number
  /** Sockets of the probe closed by the server (counting acknowledgements is wrong after one). */
  closes: number
  sentToListed: LagFigures
  storedToListed: LagFigures
  server: ServerLag | null
}

/** What the target says: p99 under 1 s. */
export const LAG_TARGET_MS = 1000
const POLL_MS = 25
const DRAIN_MS = 10_000

interface Timed {
  hubId: string
  itemId: string
  title: string
  frame: number
  sentAt: number
  storedAt?: number
  listedAt?: number
}

const figures = (ms: number[]): LagFigures => {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN)
  return { p50: at(0.5), p99: at(0.99), max: s.length ? s[s.length - 1] : NaN }
}

type Scrape = { documents: 'log' | 'all'; buckets: Map<number, number>; others: number }

/** Cumulative bucket counts of `hubwork_projection_lag_seconds` by upper bound, log documents only where labelled; how many others. */
async function scrapeHistogram(origin: string): Promise<Scrape> {
  const text = await (await fetch(`${origin}/metrics`)).text()
  const lines = text.split('\n').filter((l) => l.startsWith('hubwork_projection_lag_seconds_bucket{'))
  const labelled = lines.some((l) => l.includes('type="'))
  const buckets = new Map<number, number>()
  let others = 0
  for (const line of lines) {
    if (labelled && !line.includes('type="log"')) {
      if (line.includes('le="+Inf"')) others += Number(line.slice(line.lastIndexOf(' ') + 1))
      continue
    }
    const le = /le="([^"]+)"/.exec(line)![1]
    const bound = le === '+Inf' ? Infinity : Number(le)
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)))
  }
  return { documents: labelled ? 'log' : 'all', buckets, others }
}

function serverLag(before: Scrape, after: Scrape): ServerLag | null {
  const bounds = [...after.buckets.keys()].sort((a, b) => a - b)
  const count = (le: number) => (after.buckets.get(le) ?? 0) - (before.buckets.get(le) ?? 0)
  const total = count(Infinity)
  if (!total) return null
  const quantile = (q: number) => bounds.find((b) => count(b) >= q * total)!
  return { documents: after.documents, count: total, p50: quantile(0.5), p99: quantile(0.99), within1s: count(1) / total, others: after.documents === 'log' ? after.others - before.others : null }
}

/**
 * Connects one log client per writer (waits until each is synced and its sync step 2 acknowledged);
 * `start` begins the edits, one per writer every `intervalMs` (two new entries, then a title change
 * of an entry already listed), `stop` ends them, waits for the last to be listed and closes.
 */
export async function openLagProbe(origin: string, writers: LagWriter[], intervalMs = 1000) {
  const timed: Timed[] = []
  const clients = writers.map((w) => {
    const c = connectClient(origin, logDocName(w.hubId), w.cookie, { origin, params: { [STORED_ACKS_PARAM]: '1' } })
    const client = { ...c, writer: w, acked: 0, frames: 0, n: 0, mine: [] as Timed[] }
    c.provider.messageHandlers[messageStored] = (_encoder, decoder) => {
      client.acked = decoding.readVarUint(decoder)
      const at = performance.now()
      for (const a of client.mine) if (a.storedAt === undefined && a.frame <= client.acked) a.storedAt = at
    }
    return client
  })
  const deadline = Date.now() + 60_000
  while (!clients.every((c) => c.provider.synced && c.acked >= 1)) {
    if (Date.now() > deadline || clients.some((c) => c.closes.length)) throw new Error(`lag probe did not sync: ${JSON.stringify(clients.map((c) => c.closes))}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  // After the handshake each local transaction is one update frame: the n-th edit is stored when n + 1 are acknowledged.
  for (const c of clients) c.frames = c.acked

  const edit = (c: (typeof clients)[number]) => {
    const n = ++c.n
    const listedEarlier = c.mine.filter((a) => a.listedAt !== undefined && !c.mine.some((b) => b.itemId === a.itemId && b.listedAt === undefined))
    const sentAt = performance.now()
    let itemId: string
    let title: string
    if (n % 3 === 0 && listedEarlier.length) {
      // A title changed: the item is listed already, the wait is for its new title.
      const target = listedEarlier[listedEarlier.length - 1]
      itemId = target.itemId
      title = `${target.title.split(' (')[0]} (edited ${n})`
      updateItem(c.doc, itemId.split(':')[2], { title })
    } else {
      const input = { title: `lag ${c.writer.userId} ${n}`, mission: 'EU', authorId: c.writer.userId, themes: ['cybersecurity'] }
      title = input.title
      itemId = n % 2 ? `${c.writer.hubId}:exchange:${createExchange(c.doc, input)}` : `${c.writer.hubId}:action:${createAction(c.doc, { ...input, due: null })}`
    }
    const a: Timed = { hubId: c.writer.hubId, itemId, title, frame: ++c.frames, sentAt }
    c.mine.push(a)
    timed.push(a)
  }

  let polling = true
  const poll = async (hubId: string, cookie: string) => {
    while (polling) {
      const open = timed.filter((a) => a.hubId === hubId && a.listedAt === undefined)
      if (open.length) {
        const res = await fetch(`${origin}/api/items?hubId=${hubId}&limit=50`, { headers: { cookie } })
        const at = performance.now()
        if (res.status !== 200) throw new Error(`/api/items answered ${res.status}: ${await res.text()}`)
        const titles = new Map((await res.json() as { id: string; title: string }[]).map((i) => [i.id, i.title]))
        for (const a of open) if (titles.get(a.itemId) === a.title) a.listedAt = at
      }
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
  }
  let pollers: Promise<void>[] = []
  let timers: NodeJS.Timeout[] = []
  let before: Scrape | null = null

  return {
    async start(): Promise<void> {
      before = await scrapeHistogram(origin)
      pollers = [...new Map(writers.map((w) => [w.hubId, w.cookie]))].map(([hubId, cookie]) => poll(hubId, cookie))
      timers = clients.map((c, i) =>
        setTimeout(function tick() {
          edit(c)
          timers[i] = setTimeout(tick, intervalMs)
        }, Math.random() * intervalMs),
      )
    },
    async stop(point: string): Promise<LagResult> {
      timers.forEach(clearTimeout)
      const drainEnd = Date.now() + DRAIN_MS
      while (timed.some((a) => a.listedAt === undefined) && Date.now() < drainEnd) await new Promise((r) => setTimeout(r, POLL_MS))
      polling = false
      await Promise.all(pollers)
      const after = await scrapeHistogram(origin)
      const closes = clients.reduce((n, c) => n + c.closes.length, 0)
      for (const c of clients) c.destroy()
      const listed = timed.filter((a) => a.listedAt !== undefined)
      return {
        point,
        writers: writers.length,
        edits: timed.length,
        listed: listed.length,
        missing: timed.length - listed.length,
        closes,
        sentToListed: figures(listed.map((a) => a.listedAt! - a.sentAt)),
        storedToListed: figures(listed.filter((a) => a.storedAt !== undefined).map((a) => Math.max(0, a.listedAt! - a.storedAt!))),
        server: before && serverLag(before, after),
      }
    },
  }
}

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '—')
const f = (x: LagFigures) => `p50 ${ms(x.p50)}, p99 ${ms(x.p99)}, max ${ms(x.max)}`

/** The figures, the target beside them, as lines of text. */
export function formatLag(r: LagResult): string[] {
  const verdict = r.missing === 0 && r.sentToListed.p99 < LAG_TARGET_MS ? 'met' : 'MISSED'
  const s = r.server
  return [
    `Projection lag during ${r.point} (hubwork; ${r.writers} log writers, ${r.edits} edits, ${r.listed} listed, ${r.missing} missing${r.closes ? `, ${r.closes} probe sockets closed` : ''}):`,
    `  edit sent → listed by /api/items: ${f(r.sentToListed)} (target p99 < ${LAG_TARGET_MS / 1000} s: ${verdict})`,
    `  stored (ack received) → listed:   ${f(r.storedToListed)}`,
    s
      ? `  server histogram (${s.documents === 'log' ? 'log documents' : 'every document, briefs and notes included'}, ${s.count} projections): p50 ≤ ${s.p50} s, p99 ≤ ${s.p99} s, ${(s.within1s * 100).toFixed(0)} % within 1 s${s.others !== null ? ` (meanwhile ${s.others} brief and note projections by the same projector)` : ''}`
      : '  server histogram: no projection observed',
    '  reference server: n/a (it has no projection; target < 1 s)',
  ]
}
