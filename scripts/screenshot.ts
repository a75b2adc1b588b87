/**
 * Takes docs/screenshot.png of a running, seeded Hubwork (npm start):
 *   npx tsx scripts/screenshot.ts [http://localhost:8787]   (the URL must be PUBLIC_ORIGIN)
 * Signs in as the Nigeria hub's coordinator and captures the hub brief, connected to the sync server.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { launchBrowser } from '../tests/support/browser.js'

const base = process.argv[2] ?? 'http://localhost:8787'
const root = path.resolve(import.meta.dirname, '..')
const accounts: { email: string; password: string }[] = JSON.parse(readFileSync(path.join(root, 'seeds', 'demo', 'users.json'), 'utf8'))
const jonas = accounts.find((a) => a.email === 'jonas.exemplar@demo.example')!

const browser = await launchBrowser()
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })).newPage()
  await page.goto(`${base}/`)
  await page.getByLabel('Email').fill(jonas.email)
  await page.getByLabel('Password').fill(jonas.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'My hubs' }).waitFor()
  await page.goto(`${base}/hubs/hub-ng/brief`)
  await page.getByTestId('editor').getByText('Context and partner priorities').waitFor({ timeout: 15_000 })
  await page.waitForFunction(() => document.querySelector('[data-testid="sync-status"]')?.textContent === 'connected', null, { timeout: 15_000 })
  const file = path.join(root, 'docs', 'screenshot.png')
  await page.screenshot({ path: file })
  console.log(`wrote ${path.relative(root, file)}`)
} finally {
  await browser.close()
}
