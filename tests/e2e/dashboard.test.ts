import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { startBrowserTestServer, type TestServer } from '../support/test-server.js'
import { expectAccessible, screenshot, launchBrowser, signIn } from '../support/browser.js'
import { until } from '../support/ws-client.js'
import { DEMO_USERS_FILE } from '../../seeds/seed.js'
import { demoShiftDays, shiftDate } from '../../seeds/demo-dates.js'

/** HQ's dashboard over the seeded demo: figures, drill-down to the items, CSV, report download. */
describe('dashboard in Chromium', () => {
  let t: TestServer
  let browser: Browser
  let page: Page
  const accounts: { email: string; password: string; role: string }[] = JSON.parse(readFileSync(DEMO_USERS_FILE, 'utf8'))
  const hq = accounts.find((a) => a.email === 'anna.exemplar@demo.example')!
  const shift = demoShiftDays(new Date())

  beforeAll(async () => {
    t = await startBrowserTestServer({ SEED_DEMO: '1' })
    await until(async () => (await t.db.db.selectFrom('items').select('id').execute()).length >= 76, 20_000, 'demo projected')
    browser = await launchBrowser()
    page = await signIn(browser, t.url, hq.email, hq.password, { viewport: { width: 1400, height: 1000 }, acceptDownloads: true })
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('shows the period’s figures with charts and tables, drills down to the items behind a number', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click()
    await page.getByRole('heading', { name: 'Digital hubs dashboard' }).waitFor()
    // The source's 2026-H1, shifted like every demo date.
    await page.getByRole('combobox', { name: /^Period/ }).selectOption('custom')
    await page.getByLabel('From', { exact: true }).fill(shiftDate('2026-01-01', shift))
    await page.getByLabel('To', { exact: true }).fill(shiftDate('2026-06-30', shift))
    const cell = page.getByRole('button', { name: '4 records on Semiconductors (chips) in India' })
    await cell.waitFor({ timeout: 15_000 })
    // Heat map, statuses, participation, and questions 6–10 with escalations (forums, partnerships, Global Gateway, counterparts, Member States, escalation).
    expect(await page.locator('.chart svg').count()).toBe(9)
    await cell.click()
    const drawer = page.getByTestId('drill-down')
    await drawer.getByText('4 items').waitFor()
    expect(await drawer.locator('li.entry').count()).toBe(4)
    await screenshot(page, 'dashboard-drill-down')
    await drawer.getByRole('button', { name: 'Close' }).click()
    expect(await page.getByTestId('overdue').locator('li').count()).toBe(6)
    // 2023 ¶15: the delegations with a trained digital focal point, and the gaps named.
    expect(await page.getByTestId('focal-training').textContent()).toContain('EU delegations with a trained digital focal point: 9 / 12')
    const gaps = await page.getByTestId('focal-gaps').locator('li').allInnerTexts()
    expect(gaps).toHaveLength(3)
    expect(gaps.join('\n')).toMatch(/Serbia \(focal point .+ not yet trained\)/)
    await expectAccessible(page, 'dashboard')
  })

  it('downloads a table as CSV and the progress report', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).first().click()])
    expect(csv.suggestedFilename()).toMatch(/^activity-.*\.csv$/)
    const text = readFileSync((await csv.path())!, 'utf8')
    expect(text.split('\r\n')[0]).toBe('\ufeffTheme,Hub,Exchanges,Actions')
    expect(text).toContain('Semiconductors (chips),India,')
    await page.getByLabel('Report format').selectOption('md')
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Generate report' }).click()])
    expect(report.suggestedFilename()).toMatch(/^hubwork-progress-.*\.md$/)
    expect(readFileSync((await report.path())!, 'utf8')).toContain('Overdue actions: 6.')
  })
})
