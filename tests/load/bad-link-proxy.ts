import net from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A bad link in userspace (no kernel network emulation here): a TCP proxy that delays every
 * segment by half the round trip each way, serialises them at a bandwidth, stalls 1 % of them as a
 * lost segment's retransmission would (an RTO of 200–1000 ms; TCP delivers in order, so what
 * follows waits too), and can cut the link (every connection reset, new ones refused until restored).
 * Counts the bytes that cross it, each way.
 */
export interface BadLinkOptions {
  rttMs: number
  /** Bits per second, each way. */
  bandwidthBps: number
  /** Probability that a segment is stalled. */
  stallRate: number
  stallMinMs: number
  stallMaxMs: number
  /** Deterministic "randomness" (a seed), so runs compare. */
  seed?: number
}

export const BAD_LINK: BadLinkOptions = { rttMs: 300, bandwidthBps: 256_000, stallRate: 0.01, stallMinMs: 200, stallMaxMs: 1000 }

const SEGMENT = 1460

export interface BadLink {
  port: number
  url: string
  bytesUp: number
  bytesDown: number
  resetCounters(): void
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startBadLink(target: { host: string; port: number }, opts: BadLinkOptions): Promise<BadLink> {
  let seed = opts.seed ?? 42
  // mulberry32: a small seeded generator.
  const random = () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  let cut = false
  const sockets = new Set<net.Socket>()
  const link: BadLink = {
    port: 0,
    url: '',
    bytesUp: 0,
    bytesDown: 0,
    resetCounters() {
      link.bytesUp = 0
      link.bytesDown = 0
    },
    cut() {
      cut = true
      for (const s of sockets) s.resetAndDestroy()
      sockets.clear()
    },
    restore() {
      cut = false
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }

  /** One direction of a connection: segments leave in order (one queue, one timer), each at its time. */
  const pipe = (from: net.Socket, to: net.Socket, count: (n: number) => void) => {
    let lastDelivery = 0
    let lastSent = 0
    const queue: { at: number; seg: Buffer }[] = []
    let timer: NodeJS.Timeout | null = null
    const pump = () => {
      timer = null
      const now = performance.now()
      while (queue.length && queue[0].at <= now + 1) {
        const { seg } = queue.shift()!
        if (to.destroyed) continue
        count(seg.length)
        to.write(seg)
      }
      if (queue.length) timer = setTimeout(pump, queue[0].at - now)
    }
    from.on('data', (chunk: Buffer) => {
      for (let off = 0; off < chunk.length; off += SEGMENT) {
        const seg = Buffer.from(chunk.subarray(off, off + SEGMENT))
        const now = performance.now()
        // Serialisation at the bandwidth, then propagation; a stalled segment waits for its
        // retransmission, and TCP delivers nothing after it before it.
        lastSent = Math.max(now, lastSent) + (seg.length * 8 * 1000) / opts.bandwidthBps
        let at = lastSent + opts.rttMs / 2
        if (random() < opts.stallRate) at += opts.stallMinMs + random() * (opts.stallMaxMs - opts.stallMinMs)
        lastDelivery = Math.max(lastDelivery, at)
        queue.push({ at: lastDelivery, seg })
      }
      if (!timer) timer = setTimeout(pump, queue[0].at - performance.now())
    })
    from.on('close', () => timer && clearTimeout(timer))
  }

  const server = net.createServer((client) => {
    if (cut) return void client.resetAndDestroy()
    const upstream = net.connect(target.port, target.host)
    client.setNoDelay(true)
    upstream.setNoDelay(true)
    sockets.add(client)
    sockets.add(upstream)
    const end = () => {
      sockets.delete(client)
      sockets.delete(upstream)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
    pipe(client, upstream, (n) => (link.bytesUp += n))
    pipe(upstream, client, (n) => (link.bytesDown += n))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  link.port = (server.address() as AddressInfo).port
  link.url = `http://127.0.0.1:${link.port}`
  return link
}
