import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { launchBrowser } from '../support/browser.js'
import { freePort } from '../support/global-setup.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { DEMO_USERS_FILE } from '../../seeds/seed.js'
import { readDocState } from '../../server/db/update-store.js'
import { lexicalDocToText } from '../../server/editor/headless.js'

/**
 * The seeded demo content opens in the real browser client: the brief built by headless Lexical
 * renders in CollaborationPlugin (shouldBootstrap=false) and takes edits; the seeded log shows.
 */
describe('seeded demo in Chromium', () => {
  let t: TestServer
  let browser: Browser
  let page: Page
  const accounts: { email: string; password: string }[] = JSON.parse(readFileSync(DEMO_USERS_FILE, 'utf8'))
  const jonas = accounts.find((a) => a.email === 'jonas.exemplar@demo.example')!

  beforeAll(async () => {
    const port = await freePort()
    t = await startTestServer('pglite', { PORT: String(port), PUBLIC_ORIGIN: `http://127.0.0.1:${port}`, SEED_DEMO: '1' })
    browser = await launchBrowser()
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await page.goto(`${t.url}/`)
    await page.getByLabel('Email').fill(jonas.email)
    await page.getByLabel('Password').fill(jonas.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'My hubs' }).waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('shows recent activity on the hub card', async () => {
    // The projection of the seeded logs runs in the background after start: reload until it shows.
    await expect
      .poll(async () => {
        await page.reload()
        return (await page.getByTestId('hub-activity').first().textContent({ timeout: 5_000 })) ?? ''
      }, { timeout: 20_000 })
      .toMatch(/\d+ new entr(y|ies) in 30 days · latest: /)
  })

  it('renders the seeded brief with its structure and stores an edit made on it', async () => {
    await page.goto(`${t.url}/hubs/hub-ng/brief`)
    const editor = page.getByTestId('editor')
    await editor.getByText('Context and partner priorities').waitFor({ timeout: 10_000 })
    expect(await editor.locator('h1').first().textContent()).toBe('Team Europe digital hub - Nigeria')
    expect(await editor.locator('h2').count()).toBeGreaterThanOrEqual(6)
    expect(await editor.locator('li').count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    await editor.locator('h1').first().click()
    await page.keyboard.press('End')
    await page.keyboard.type(' (edited)')
    await expect
      .poll(async () => lexicalDocToText((await readDocState(t.db.db, 'hub/hub-ng/brief'))!.update), { timeout: 10_000 })
      .toContain('Team Europe digital hub - Nigeria (edited)\n')
  })

  it('shows the seeded exchanges, cross-cutting items and actions', async () => {
    await page.getByRole('link', { name: 'Exchanges' }).click()
    await page.getByTestId('exchange').filter({ hasText: 'Quarterly hub meeting' }).waitFor({ timeout: 10_000 })
    await page.getByTestId('exchange').filter({ hasText: 'CSIRT capacity building' }).waitFor()
    await page.getByRole('link', { name: 'Actions' }).click()
    const row = page.getByTestId('action-row').filter({ hasText: 'Tech Business Offer feedback' })
    await row.waitFor({ timeout: 10_000 })
    // Due 15 days before the as-of day: overdue whatever day the suite runs.
    expect(await row.getAttribute('class')).toContain('overdue')
  })
})
