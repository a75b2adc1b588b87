import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { axeViolations, launchBrowser } from '../support/browser.js'
import { startTestServer, type TestServer } from '../support/test-server.js'

/** The API reference page renders in the browser, offline (nothing requested elsewhere), and passes axe. */
describe('API reference page in Chromium', () => {
  let t: TestServer
  let browser: Browser
  beforeAll(async () => {
    t = await startTestServer('pglite')
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('lists the operations, requests nothing from another origin, and has no serious accessibility problem', async () => {
    const page = await browser.newPage()
    const elsewhere: string[] = []
    page.on('request', (r) => {
      if (!r.url().startsWith(t.url)) elsewhere.push(r.url())
    })
    await page.goto(`${t.url}/api/reference`)
    await expect.poll(() => page.locator('section.op').count()).toBeGreaterThan(40)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Hubwork API')
    await page.getByRole('link', { name: 'GET /api/health' }).click()
    expect(page.url()).toMatch(/#getApiHealth$/)
    expect(elsewhere).toEqual([])
    expect(await axeViolations(page)).toEqual([])
  })
})
