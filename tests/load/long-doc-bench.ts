/**
 * Long documents with many editors (`npx tsx tests/load/long-doc-bench.ts [--words=20000] [--editors=10]
 * [--keys=80] [--runs=3]`, after `node scripts/build.mjs client server`): a hub brief of `words` words on
 * PostgreSQL, the built server as its own process, Chromium typing into the middle of the brief while
 * `editors` headless y-websocket editors append to paragraphs of their own, 2 edits/s each.
 *
 * - keystroke-to-screen: in the typing page, from the keydown event to the first frame after the
 *   editor's DOM changed;
 * - keystroke-to-peer: from the key press to the character arriving at a plain y-websocket peer;
 * - cold open: a fresh browser context navigating to the brief until it is editable, synced and shows
 *   the brief's last paragraph.
 * Each figure also with no other editor, for comparison. Prints p50/p95/max beside the targets.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import type { Browser, Page } from 'playwright-core'
import { connectPostgres } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { buildLexicalDoc, type Block } from '../../server/editor/headless.js'
import { briefDocName } from '../../shared/doc-names.js'
import { launchBrowser } from '../support/browser.js'
import { BUILT_SERVER, startChildServer, type ChildServer } from '../support/child-server.js'
import { createHub, createUser, sessionCookie, TEST_PASSWORD } from '../support/factories.js'
import { freePort } from '../support/global-setup.js'
import { startPostgres } from '../support/postgres-server.js'
import { connectClient, until } from '../support/ws-client.js'
import { procStats } from './servers.js'

export interface Percentiles {
  p50: number
  p95: number
  max: number
  n: number
}

export interface LongDocResult {
  words: number
  editors: number
  /** With `editors` others typing. */
  busy: { screen: Percentiles; peer: Percentiles }
  /** Alone in the document. */
  alone: { screen: Percentiles; peer: Percentiles }
  /** Cold opens to editable + synced + last paragraph shown, ms. */
  coldOpenMs: number[]
  serverCpuPct: number
}

export const LONG_DOC_TARGETS = { screenP95: 50, peerP95: 250, coldOpenMs: 1000 }

const WORDS_PER_PARAGRAPH = 20
const VOCABULARY = ['digital', 'hub', 'delegation', 'embassy', 'connectivity', 'cyber', 'data', 'governance', 'partnership', 'gateway', 'standards', 'skills', 'ministry', 'cable', 'cloud', 'trust']

export function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN)
  return { p50: at(0.5), p95: at(0.95), max: s.length ? s[s.length - 1] : NaN, n: s.length }
}

function briefBlocks(words: number): Block[] {
  const blocks: Block[] = []
  for (let p = 0; p * WORDS_PER_PARAGRAPH < words; p++) {
    if (p % 25 === 0) blocks.push({ type: 'h2', text: `Section ${p / 25 + 1}` })
    const text = Array.from({ length: WORDS_PER_PARAGRAPH }, (_, w) => VOCABULARY[(p * 7 + w * 3) % VOCABULARY.length]).join(' ')
    blocks.push({ type: 'p', text: `P${p} ${text}` })
  }
  return blocks
}

/** The paragraphs (block XmlTexts) of a Lexical collaboration document, in order. */
function blocksOf(doc: Y.Doc): Y.XmlText[] {
  return doc
    .get('root', Y.XmlText)
    .toDelta()
    .map((d: { insert: unknown }) => d.insert)
    .filter((x: unknown): x is Y.XmlText => x instanceof Y.XmlText)
}

/**
 * A headless editor: appends a word to the end of its own paragraph (that is, to its last text node)
 * `rate` times a second, as typing into the Lexical collaboration document does.
 */
function startEditor(doc: Y.Doc, paragraph: number, rate: number): () => void {
  let n = 0
  const timer = setInterval(() => {
    const block = blocksOf(doc)[paragraph]
    if (block) block.insert(block.length, ` e${n++}`)
  }, 1000 / rate)
  return () => clearInterval(timer)
}

const now = () => performance.timeOrigin + performance.now()

/** Installs the keystroke-to-screen probe in the page: keydown → first animation frame after a DOM change of the editor. */
async function installProbe(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __screen: number[]; __pending: number[] }
    w.__screen = []
    w.__pending = []
    const editor = document.querySelector('[data-testid="editor"]')!
    document.addEventListener('keydown', (e) => w.__pending.push(e.timeStamp), true)
    new MutationObserver(() => {
      if (!w.__pending.length) return
      const started = w.__pending.splice(0)
      requestAnimationFrame(() => {
        const at = performance.now()
        for (const t of started) w.__screen.push(at - t)
      })
    }).observe(editor, { subtree: true, childList: true, characterData: true })
  })
}

/**
 * Types `keys` characters, one every `intervalMs`, at the end of paragraph `paragraph` (the document's
 * block `block`); returns
 * keystroke-to-screen (from the page) and keystroke-to-peer (from `peer`) samples in ms.
 */
async function typeAndMeasure(page: Page, peer: Y.Doc, paragraph: number, block: number, keys: number, intervalMs: number) {
  const target = blocksOf(peer)[block]
  const arrivals: number[] = []
  const observer = (event: Y.YTextEvent) => {
    const at = now()
    for (const d of event.delta) if (typeof d.insert === 'string') for (let i = 0; i < d.insert.length; i++) if (d.insert[i] === 'x') arrivals.push(at)
  }
  target.observe(observer)
  const p = page.locator('[data-testid="editor"] p').filter({ hasText: new RegExp(`^P${paragraph} `) })
  await p.scrollIntoViewIfNeeded()
  await p.click()
  await page.keyboard.press('End')
  await installProbe(page)
  const sent: number[] = []
  for (let k = 0; k < keys; k++) {
    const next = (sent[0] ?? now()) + k * intervalMs
    while (now() < next) await new Promise((r) => setTimeout(r, Math.max(0, Math.min(5, next - now()))))
    sent.push(now())
    await page.keyboard.press('x')
  }
  await until(() => arrivals.length >= keys, 30_000, `${keys} keystrokes at the peer (got ${arrivals.length})`)
  target.unobserve(observer)
  await page.waitForFunction((n) => (window as unknown as { __screen: number[] }).__screen.length >= n, keys, { timeout: 30_000 })
  const screen = await page.evaluate(() => (window as unknown as { __screen: number[] }).__screen)
  return { screen, peer: arrivals.slice(0, keys).map((t, i) => t - sent[i]) }
}

/**
 * BENCH_BROWSER_PROF=<dir>: a V8 CPU profile of the page (Chrome DevTools Protocol) is written there
 * for what `work` does, named `name`.cpuprofile.
 */
async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_BROWSER_PROF
  if (!dir) return work()
  if (process.env.BENCH_BROWSER_TRACE) {
    // A Chrome trace instead (layout, style, paint, scripts): what "(program)" in a CPU profile hides.
    const browser = page.context().browser()!
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] })
    try {
      return await work()
    } finally {
      await mkdir(dir, { recursive: true })
      await writeFile(path.join(dir, `${name}.trace.json`), await browser.stopTracing())
    }
  }
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  try {
    return await work()
  } finally {
    const { profile } = await cdp.send('Profiler.stop')
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile))
  }
}

async function openBrief(browser: Browser, origin: string, email: string, hubId: string, lastParagraph: number, profileAs?: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const login = await page.request.post(`${origin}/api/auth/login`, { data: { email, password: TEST_PASSWORD }, headers: { origin } })
  if (!login.ok()) throw new Error(`login answered ${login.status()}`)
  // Milestones are taken in the page (ms since navigation start), not by polling from here.
  await page.addInitScript((last) => {
    const marks: Record<string, number> = {}
    ;(window as unknown as { __marks: typeof marks }).__marks = marks
    new MutationObserver(() => {
      const editor = document.querySelector('[data-testid="editor"]')
      if (editor?.getAttribute('contenteditable') === 'true' && !marks.editable) marks.editable = performance.now()
      if (document.querySelector('[data-testid="sync-status"]')?.textContent === 'connected' && !marks.synced) marks.synced = performance.now()
      if (!marks.content && editor?.textContent?.includes(`P${last} `)) marks.content = performance.now()
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  }, lastParagraph)
  const open = async () => {
    await page.goto(`${origin}/hubs/${hubId}/brief`)
    await page.waitForFunction(() => {
      const m = (window as unknown as { __marks: Record<string, number> }).__marks
      return m.editable && m.synced && m.content
    }, undefined, { timeout: 60_000 })
  }
  await (profileAs ? profiled(page, profileAs, open) : open())
  const m = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks)
  return { page, openMs: Math.max(m.editable, m.synced, m.content) }
}

const cpuMs = (pid: number) => procStats(pid).cpuMs

export async function runLongDocBench(opts: { words?: number; editors?: number; keys?: number; runs?: number; log?: (line: string) => void } = {}): Promise<LongDocResult> {
  const words = opts.words ?? 20_000
  const editors = opts.editors ?? 10
  const keys = opts.keys ?? 80
  const runs = opts.runs ?? 3
  const log = opts.log ?? console.log
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-long-doc-'))
  const pg = await startPostgres(dir, await freePort())
  let server: ChildServer | null = null
  let browser: Browser | null = null
  const stops: (() => void)[] = []
  try {
    await pg.createDatabase('longdoc')
    const databaseUrl = `${pg.url}/longdoc`
    const database = await connectPostgres(databaseUrl)
    await migrateToLatest(database.db)
    const hub = await createHub(database.db, { missions: ['DE', 'FR', 'IT'] })
    const typist = await createUser(database.db, { hubId: hub.id, mission: 'DE' })
    const cookies: string[] = []
    for (let i = 0; i <= editors; i++) cookies.push(await sessionCookie(database.db, (await createUser(database.db, { hubId: hub.id, mission: 'FR' })).id))
    const blocks = briefBlocks(words)
    const paragraphs = blocks.filter((b) => b.type === 'p').length
    await appendUpdates(database.db, [{ doc: briefDocName(hub.id), update: await buildLexicalDoc(blocks), userId: typist.id }])
    await database.close()
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
    server = await startChildServer({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, undefined, [...prof, ...BUILT_SERVER])
    const origin = server.origin
    const doc = briefDocName(hub.id)
    const observer = connectClient(origin, doc, cookies[editors], { origin })
    stops.push(() => observer.destroy())
    await until(() => observer.provider.synced, 60_000, 'peer synced')
    // Block index of each paragraph: headings sit between them.
    const paragraphBlock: number[] = []
    blocks.forEach((b, i) => b.type === 'p' && paragraphBlock.push(i))
    browser = await launchBrowser()

    const coldOpenMs: number[] = []
    for (let r = 0; r < runs; r++) {
      const { page, openMs } = await openBrief(browser, origin, typist.email, hub.id, paragraphs - 1, r === 0 ? 'cold-open' : undefined)
      coldOpenMs.push(openMs)
      log(`cold open ${r + 1}: ${openMs.toFixed(0)} ms`)
      await page.context().close()
    }
    const { page } = await openBrief(browser, origin, typist.email, hub.id, paragraphs - 1)
    const middle = Math.floor(paragraphs / 2)

    const alone = await typeAndMeasure(page, observer.doc, middle, paragraphBlock[middle], keys, 100)
    log(`alone: screen p95 ${percentiles(alone.screen).p95.toFixed(1)} ms, peer p95 ${percentiles(alone.peer).p95.toFixed(1)} ms`)

    for (let e = 0; e < editors; e++) {
      const client = connectClient(origin, doc, cookies[e], { origin })
      stops.push(() => client.destroy())
      await until(() => client.provider.synced, 60_000, `editor ${e} synced`)
      // Spread over the document, never the typist's paragraph.
      const at = paragraphBlock[Math.floor(((e + 0.5) * paragraphs) / editors) % paragraphs]
      stops.push(startEditor(client.doc, at === paragraphBlock[middle] ? at + 1 : at, 2))
    }
    const pid = server.child.pid!
    const c0 = cpuMs(pid)
    const t0 = Date.now()
    const busy = await profiled(page, 'typing-busy', () => typeAndMeasure(page, observer.doc, middle, paragraphBlock[middle], keys, 100))
    const serverCpuPct = ((cpuMs(pid) - c0) / (Date.now() - t0)) * 100
    log(`with ${editors} editors: screen p95 ${percentiles(busy.screen).p95.toFixed(1)} ms, peer p95 ${percentiles(busy.peer).p95.toFixed(1)} ms, server CPU ${serverCpuPct.toFixed(0)}%`)
    return {
      words,
      editors,
      busy: { screen: percentiles(busy.screen), peer: percentiles(busy.peer) },
      alone: { screen: percentiles(alone.screen), peer: percentiles(alone.peer) },
      coldOpenMs,
      serverCpuPct,
    }
  } finally {
    for (const stop of stops.reverse()) stop()
    await browser?.close()
    await server?.stop()
    await pg.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

export function formatLongDoc(r: LongDocResult): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—')
  const t = LONG_DOC_TARGETS
  const cold = percentiles(r.coldOpenMs)
  return [
    `| long brief (${r.words} words) | p50 ms | p95 ms | max ms | target |`,
    '|---|---|---|---|---|',
    `| keystroke-to-screen, ${r.editors} editors | ${f(r.busy.screen.p50)} | ${f(r.busy.screen.p95)} | ${f(r.busy.screen.max)} | p95 < ${t.screenP95} |`,
    `| keystroke-to-peer, ${r.editors} editors | ${f(r.busy.peer.p50)} | ${f(r.busy.peer.p95)} | ${f(r.busy.peer.max)} | p95 < ${t.peerP95} |`,
    `| keystroke-to-screen, alone | ${f(r.alone.screen.p50)} | ${f(r.alone.screen.p95)} | ${f(r.alone.screen.max)} | |`,
    `| keystroke-to-peer, alone | ${f(r.alone.peer.p50)} | ${f(r.alone.peer.p95)} | ${f(r.alone.peer.max)} | |`,
    `| cold open to editable | ${f(cold.p50)} | | ${f(cold.max)} | < ${t.coldOpenMs} |`,
    '',
    `server CPU while ${r.editors} editors typed: ${r.serverCpuPct.toFixed(0)}%`,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const result = await runLongDocBench({
    words: arg('words') ? Number(arg('words')) : undefined,
    editors: arg('editors') ? Number(arg('editors')) : undefined,
    keys: arg('keys') ? Number(arg('keys')) : undefined,
    runs: arg('runs') ? Number(arg('runs')) : undefined,
  })
  console.log(`\n${formatLongDoc(result)}`)
  process.exit(0)
}
