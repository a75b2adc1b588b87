/**
 * Client load figures: the gzipped JS a cold hub-brief load fetches, and the time from
 * navigation to an editable, synced brief (Chromium, localhost, cold cache, seeded demo on PGlite).
 * Usage: `npx vite build && npx tsx tests/load/client-load.ts [runs]` — prints the median and each run.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import { loadConfig } from '../../server/config.js'
import { createLogger } from '../../server/logger.js'
import { startServer } from '../../server/server.js'
import { CLIENT_DIST } from '../../server/app.js'
import { DEMO_USERS_FILE } from '../../seeds/seed.js'
import { launchBrowser } from '../support/browser.js'
import { freePort } from '../support/global-setup.js'

const runs = Number(process.argv[2] ?? 5)
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-client-load-'))
const port = await freePort()
const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: '1', LOG_LEVEL: 'error', PUBLIC_ORIGIN: `http://127.0.0.1:${port}` })
const server = await startServer({ config, logger: createLogger('error') })
const accounts: { email: string; password: string }[] = JSON.parse(readFileSync(DEMO_USERS_FILE, 'utf8'))
const staff = accounts.find((a) => a.email === 'jonas.exemplar@demo.example') ?? accounts[0]
const browser = await launchBrowser()
const timings: number[] = []
let jsGzip = 0
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const login = await page.request.post(`${server.url}/api/auth/login`, {
      data: { email: staff.email, password: staff.password },
      headers: { origin: config.publicOrigin },
    })
    const hubId = (await login.json()).user.memberships[0].hubId as string
    const scripts = new Set<string>()
    page.on('requestfinished', (r) => {
      if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname)
    })
    // Milestones are taken inside the page (ms since navigation start): the test runner's polling
    // would otherwise add its own intervals to the figures.
    await page.addInitScript(() => {
      const marks: Record<string, number> = {}
      ;(window as unknown as { __marks: typeof marks }).__marks = marks
      new MutationObserver(() => {
        const editor = document.querySelector('[data-testid="editor"]')
        if (editor && !marks.shown) marks.shown = performance.now()
        if (editor?.getAttribute('contenteditable') === 'true' && !marks.editable) marks.editable = performance.now()
        if (document.querySelector('[data-testid="sync-status"]')?.textContent === 'connected' && !marks.synced) marks.synced = performance.now()
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
    })
    await page.goto(`${server.url}/hubs/${hubId}/brief`)
    await page.waitForFunction(() => (window as unknown as { __marks: Record<string, number> }).__marks.synced, undefined, { timeout: 30_000 })
    const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks)
    const ms = (k: string) => Math.round(marks[k])
    timings.push(Math.max(ms('editable'), ms('synced')))
    console.log(`run ${i + 1}: editor shown ${ms('shown')} ms, editable ${ms('editable')} ms, synced ${ms('synced')} ms`)
    if (i === 0) {
      for (const s of scripts) jsGzip += gzipSync(readFileSync(path.join(CLIENT_DIST, s))).byteLength
      console.log(`scripts of a cold brief load: ${[...scripts].join(', ')}`)
    }
    await context.close()
  }
} finally {
  await browser.close()
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
}
const sorted = [...timings].sort((a, b) => a - b)
console.log(`JS fetched for the brief, gzipped: ${(jsGzip / 1024).toFixed(1)} KiB`)
console.log(`time to an editable, synced brief: median ${sorted[Math.floor(sorted.length / 2)]} ms (runs: ${timings.join(', ')} ms)`)
