/**
 * The sync on a bad link: `npx tsx tests/load/bad-link-bench.ts [--quick]`.
 *
 * Clients are real y-websocket providers in Node; between them and the server, a userspace TCP
 * proxy (bad-link-proxy.ts): 300 ms round trip, 256 kbit/s each way, 1 % of segments stalled by an
 * RTO of 200–1000 ms, and cuts. Reports, with permessage-deflate off and on (the server's
 * SYNC_DEFLATE_MIN_BYTES): edit-to-peer latency (both peers on the bad link), bytes on the wire
 * per edit and per document open, and the time from the link's return to the resync after a cut,
 * for several reconnect back-offs (CUT_MS=15000 for long cuts; EDITS=n). Figures only: nothing is asserted (the machine is shared).
 */
import { testConfig } from '../support/test-server.js'
import { connectPGlite } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { createLogger } from '../../server/logger.js'
import { startServer } from '../../server/server.js'
import { createCast, TEAM } from '../support/cast.js'
import { createNoteRow } from '../support/factories.js'
import { connectClient, until } from '../support/ws-client.js'
import { BAD_LINK, startBadLink, type BadLink } from './bad-link-proxy.js'

const quick = process.argv.includes('--quick')
const EDITS = Number(process.env.EDITS) || (quick ? 30 : 120)
const CUTS = quick ? 2 : 3
const CUT_MS = Number(process.env.CUT_MS) || 3000

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}
const median = (xs: number[]) => pct(xs, 50)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A note body of ~`bytes`: prose-like words in a seeded, non-repeating order (compresses like text, ~3×, not 30×). */
function prose(bytes: number): string {
  const words = ('the hub met ministry on data protection bill agreed to share cyber capacity building plan with embassies before next meeting ' +
    'delegation reported progress telecom regulator draft strategy workshop partners funding timeline review council conclusions digital ' +
    'infrastructure cable landing licence operators consultation budget training officials cooperation roadmap follow up january march').split(' ')
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
  let s = ''
  while (s.length < bytes) {
    const w = words[next() % words.length]
    s += (next() % 9 === 0 ? w[0].toUpperCase() + w.slice(1) : w) + (next() % 13 === 0 ? '. ' : next() % 7 === 0 ? ', ' : ' ') + (next() % 5 === 0 ? String(next() % 1000) + ' ' : '')
  }
  return s
}

interface Run {
  deflate: boolean
  openBytes: { up: number; down: number; ms: number }
  editToPeer: { p50: number; p95: number; max: number }
  bytesPerEdit: number
  reconnect: Record<string, number[]>
}

/** The real server on an in-memory PGlite (outside vitest: no suite template to copy). */
async function startBenchServer(env: Record<string, string>) {
  const db = await connectPGlite(undefined)
  await migrateToLatest(db.db)
  const config = testConfig(env)
  const server = await startServer({ config, logger: createLogger('error'), database: db, collab: { idleUnloadMs: 60_000 } })
  return { url: server.url, origin: config.publicOrigin, db, close: async () => (await server.close(), await db.close()) }
}

async function runOnce(deflate: boolean): Promise<Run> {
  const t = await startBenchServer({ SYNC_DEFLATE_MIN_BYTES: deflate ? '1024' : '0' })
  const cast = await createCast(t.db.db, TEAM)
  const port = Number(new URL(t.url).port)
  const link: BadLink = await startBadLink({ host: '127.0.0.1', port }, BAD_LINK)
  const clients: { destroy(): void }[] = []
  const direct = (doc: string, who: 'alice' | 'bob', opts: { maxBackoffTime?: number } = {}) => open(t.url, doc, who, opts)
  const viaLink = (doc: string, who: 'alice' | 'bob', opts: { maxBackoffTime?: number } = {}) => open(link.url, doc, who, opts)
  function open(base: string, doc: string, who: 'alice' | 'bob', opts: { maxBackoffTime?: number }) {
    const c = connectClient(base, doc, cast.cookies[who], { origin: t.origin })
    if (opts.maxBackoffTime) c.provider.maxBackoffTime = opts.maxBackoffTime
    clients.push(c)
    return c
  }
  try {
    // 1. Opening a document of ~30 kB of text over the bad link.
    const noteDoc = await createNoteRow(t.db.db, cast.hubs.hub.id, 'big')
    const writer = direct(noteDoc, 'bob')
    await until(() => writer.provider.synced, 20_000, 'writer sync')
    writer.doc.getText('t').insert(0, prose(30_000))
    const expectedLength = writer.doc.getText('t').length
    await sleep(500)
    link.resetCounters()
    const started = performance.now()
    const reader = viaLink(noteDoc, 'alice')
    await until(() => reader.provider.synced && reader.doc.getText('t').length === expectedLength, 60_000, 'open over the bad link')
    const openBytes = { up: link.bytesUp, down: link.bytesDown, ms: Math.round(performance.now() - started) }

    // 2. Edit to peer, both on the bad link: a word every 250 ms.
    const editDoc = await createNoteRow(t.db.db, cast.hubs.hub.id, 'edits')
    const a = viaLink(editDoc, 'alice')
    const b = viaLink(editDoc, 'bob')
    await until(() => a.provider.synced && b.provider.synced, 30_000, 'peers sync')
    await sleep(1000)
    const sentAt = new Map<string, number>()
    const latencies: number[] = []
    const seen = new Set<string>()
    b.doc.getText('t').observe(() => {
      const text = b.doc.getText('t').toString()
      for (const [marker, at] of sentAt) {
        if (!seen.has(marker) && text.includes(marker)) {
          seen.add(marker)
          latencies.push(performance.now() - at)
        }
      }
    })
    link.resetCounters()
    for (let i = 0; i < EDITS; i++) {
      const marker = `w${i}.`
      sentAt.set(marker, performance.now())
      a.doc.getText('t').insert(a.doc.getText('t').length, marker + ' ')
      await sleep(250)
    }
    await until(() => seen.size === EDITS, 60_000, 'all edits at the peer').catch((err: Error) => {
      const missing = [...sentAt.keys()].filter((m) => !seen.has(m))
      throw new Error(`${err.message}: ${seen.size}/${EDITS} seen, missing ${missing.slice(0, 5).join(' ')}; closes a ${JSON.stringify(a.closes)} b ${JSON.stringify(b.closes)}; b has ${b.doc.getText('t').length} chars, a ${a.doc.getText('t').length}`)
    })
    const bytesPerEdit = Math.round((link.bytesUp + link.bytesDown) / EDITS)

    // 3. Cuts: the peer on the bad link misses an edit made while the link is down.
    const reconnect: Record<string, number[]> = {}
    for (const backoff of [2500, 1000]) {
      const cutDoc = await createNoteRow(t.db.db, cast.hubs.hub.id, `cut${backoff}`)
      const far = viaLink(cutDoc, 'alice', { maxBackoffTime: backoff })
      const near = direct(cutDoc, 'bob')
      await until(() => far.provider.synced && near.provider.synced, 30_000, 'cut peers sync')
      reconnect[`maxBackoffTime ${backoff} ms`] = []
      for (let i = 0; i < CUTS; i++) {
        link.cut()
        const marker = `cut${i}.`
        near.doc.getText('t').insert(0, marker)
        await sleep(CUT_MS)
        link.restore()
        const back = performance.now()
        await until(() => far.doc.getText('t').toString().includes(marker), 30_000, 'resync after cut')
        reconnect[`maxBackoffTime ${backoff} ms`].push(Math.round(performance.now() - back))
        await sleep(500)
      }
    }
    return {
      deflate,
      openBytes,
      editToPeer: { p50: Math.round(pct(latencies, 50)), p95: Math.round(pct(latencies, 95)), max: Math.round(Math.max(...latencies)) },
      bytesPerEdit,
      reconnect,
    }
  } finally {
    for (const c of clients) c.destroy()
    await link.close()
    await t.close()
  }
}

const runs: Run[] = []
for (const deflate of [false, true]) runs.push(await runOnce(deflate))

console.log(`bad link: ${BAD_LINK.rttMs} ms RTT, ${BAD_LINK.bandwidthBps / 1000} kbit/s each way, ${BAD_LINK.stallRate * 100} % of segments stalled ${BAD_LINK.stallMinMs}–${BAD_LINK.stallMaxMs} ms; cuts of ${CUT_MS} ms`)
for (const r of runs) {
  console.log(`\npermessage-deflate ${r.deflate ? 'on (messages ≥ 1024 bytes)' : 'off'}`)
  console.log(`  open a 30 kB note: ${r.openBytes.down} bytes down, ${r.openBytes.up} up, ${r.openBytes.ms} ms to synced`)
  console.log(`  edit to peer (${EDITS} edits, both peers on the bad link): p50 ${r.editToPeer.p50} ms, p95 ${r.editToPeer.p95} ms, max ${r.editToPeer.max} ms`)
  console.log(`  bytes on the wire per edit (both ways, both peers): ${r.bytesPerEdit}`)
  for (const [k, v] of Object.entries(r.reconnect)) console.log(`  resync after the link returns, ${k}: ${v.join(', ')} ms (median ${median(v)})`)
}
process.exit(0)
