import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, signIn, startBrowserTest, type BrowserTestOf } from '../support/browser.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Testland', missions: ['DE'] } },
  users: {
    anna: { hub: 'hub', mission: 'EU', coordinator: true, name: 'Anna Alpha' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
    hq: { role: 'hq', name: 'Harriet HQ' },
    admin: { role: 'admin', name: 'Ada Admin' },
    cyrus: { role: 'cyber', name: 'Cyrus Cyber' },
  },
})

/** en-GB day and time, 24 h, no seconds ("1 Dec 2026, 20:30"), with the zone named where it matters. */
const EN_GB_DATE_TIME = /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}( \S+)?$/

/** Opens `path` and waits until the page has loaded what it shows (no "Loading…" left). */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('#main').first().waitFor()
  await expect.poll(() => page.getByText('Loading…', { exact: true }).count(), { timeout: 15_000 }).toBe(0)
}

/** Whether the page scrolls sideways: the whole document wider than the window. */
const sideways = (page: Page) => page.evaluate(() => ({ width: document.documentElement.scrollWidth, window: window.innerWidth }))

/** The daily experience: phone width, dates in en-GB, every entry its own URL, delete with undo. */
describe('daily experience in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
  })
  afterAll(() => e?.close())

  it('at 390 px no page scrolls sideways, the header folds into a menu, and dates read en-GB in an en-US browser', async () => {
    const phone = { viewport: { width: 390, height: 844 }, locale: 'en-US', timezoneId: 'America/New_York' }
    const anna = await signIn(e.browser, e.server.url, e.users.anna.email, undefined, phone)
    const hub = `${e.server.url}/hubs/${e.hubs.hub.id}`
    await open(anna, `${hub}/exchanges`)
    await anna.getByRole('button', { name: 'New exchange' }).click()
    await anna.getByLabel('Title', { exact: true }).fill('Spectrum auction timetable')
    await anna.getByRole('button', { name: 'Post exchange' }).click()
    const card = anna.getByTestId('exchange').filter({ hasText: 'Spectrum auction timetable' })
    await card.waitFor()
    // Who posted it, and when, in the app's date style whatever the browser's language.
    expect(await card.getByTestId('exchange-author').textContent()).toBe('Anna Alpha')
    const when = (await card.locator('time').textContent()) ?? ''
    expect(when).toMatch(EN_GB_DATE_TIME)
    expect(when).not.toMatch(/AM|PM|:\d{2}:\d{2}/)

    // The header: a menu button instead of links running off the bar.
    const menu = anna.getByRole('button', { name: /^Menu/ })
    await menu.waitFor()
    expect(await anna.getByRole('link', { name: 'Dashboard' }).isVisible()).toBe(false)
    await menu.click()
    await anna.getByRole('link', { name: 'Dashboard' }).waitFor()
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    await expectAccessible(anna, 'phone-header-menu')
    await anna.keyboard.press('Escape')
    await expect.poll(() => anna.getByRole('link', { name: 'Dashboard' }).isVisible()).toBe(false)

    const pages = ['/', `/hubs/${e.hubs.hub.id}/brief`, `/hubs/${e.hubs.hub.id}/notes`, `/hubs/${e.hubs.hub.id}/exchanges`, `/hubs/${e.hubs.hub.id}/actions`, `/hubs/${e.hubs.hub.id}/members`, '/rollup', '/cross-cutting', '/inbox', '/account']
    for (const path of pages) {
      await open(anna, `${e.server.url}${path}`)
      const s = await sideways(anna)
      expect(s.width, `${path} at 390 px`).toBeLessThanOrEqual(s.window)
    }
    await anna.context().close()

    const admin = await signIn(e.browser, e.server.url, e.users.admin.email, undefined, phone)
    for (const path of ['/admin', '/admin/hubs', '/admin/periods', '/admin/references', '/admin/audit', '/rollup/briefs']) {
      await open(admin, `${e.server.url}${path}`)
      const s = await sideways(admin)
      expect(s.width, `${path} at 390 px`).toBeLessThanOrEqual(s.window)
    }
    await expectAccessible(admin, 'phone-admin-periods')
    await admin.context().close()
  })

  it('a drill-down opens the entry itself; delete asks, undo brings it back; cyber ambassadors land on the board', async () => {
    const anna = await e.signInAs('anna')
    await open(anna, `${e.server.url}/hubs/${e.hubs.hub.id}/exchanges`)
    // Older entries first, so the one drilled to is not at the top of the tab.
    for (const title of ['Cable landing rules', 'Data centre permits', 'Cloud procurement', 'AI sandbox call']) {
      await anna.getByRole('button', { name: 'New exchange' }).click()
      await anna.getByLabel('Title', { exact: true }).fill(title)
      await anna.getByRole('button', { name: 'Post exchange' }).click()
      await anna.getByTestId('exchange').filter({ hasText: title }).waitFor()
    }

    // HQ: the dashboard's drill-down state is in the URL; "Open in the hub" lands on the entry.
    const hq = await e.signInAs('hq')
    const drill = new URLSearchParams({ drill: 'Exchanges of Hub Testland', dq: new URLSearchParams({ hubId: e.hubs.hub.id, kind: 'exchange' }).toString() })
    await hq.goto(`${e.server.url}/rollup?${drill}`)
    const drawer = hq.getByTestId('drill-down')
    const row = drawer.locator('li.entry').filter({ hasText: 'Cable landing rules' })
    await row.waitFor({ timeout: 15_000 })
    await hq.locator('.chart svg').first().waitFor()
    await expectAccessible(hq, 'drill-down-drawer')
    // Escape closes the drawer, and its state leaves the URL.
    await hq.keyboard.press('Escape')
    await expect.poll(() => drawer.count()).toBe(0)
    expect(new URL(hq.url()).searchParams.get('drill')).toBeNull()
    await hq.goBack()
    await row.waitFor()
    await row.getByRole('link', { name: 'Open in the hub' }).click()
    await expect.poll(() => new URL(hq.url()).pathname).toBe(`/hubs/${e.hubs.hub.id}/exchanges`)
    expect(new URL(hq.url()).searchParams.get('item')).toMatch(/\S/)
    const target = hq.locator('[data-testid="exchange"].target')
    await target.waitFor({ timeout: 15_000 })
    expect(await target.locator('h3').textContent()).toBe('Cable landing rules')
    const box = await target.boundingBox()
    const view = hq.viewportSize()!
    expect(box && box.y >= 0 && box.y + Math.min(box.height, 40) <= view.height, 'the entry is on screen').toBe(true)

    // Delete: asked first, gone at once, Undo brings it back; dismissed, it is gone for colleagues too.
    const bernd = await e.signInAs('bernd')
    await open(bernd, `${e.server.url}/hubs/${e.hubs.hub.id}/exchanges`)
    await bernd.getByTestId('exchange').filter({ hasText: 'Data centre permits' }).waitFor()
    const card = anna.getByTestId('exchange').filter({ hasText: 'Data centre permits' })
    await card.getByRole('button', { name: 'Delete Data centre permits' }).click()
    await card.getByRole('group', { name: 'Delete Data centre permits' }).getByRole('button', { name: 'Delete', exact: true }).click()
    await expect.poll(() => card.count()).toBe(0)
    const undo = anna.getByTestId('undo-bar')
    await undo.waitFor()
    await expectAccessible(anna, 'undo-bar')
    await undo.getByRole('button', { name: 'Undo' }).click()
    await card.waitFor()
    expect(await bernd.getByTestId('exchange').filter({ hasText: 'Data centre permits' }).count()).toBe(1)
    await card.getByRole('button', { name: 'Delete Data centre permits' }).click()
    await card.getByRole('group', { name: 'Delete Data centre permits' }).getByRole('button', { name: 'Delete', exact: true }).click()
    await undo.getByRole('button', { name: /^Dismiss/ }).click()
    await expect.poll(() => bernd.getByTestId('exchange').filter({ hasText: 'Data centre permits' }).count(), { timeout: 10_000 }).toBe(0)

    // A cyber ambassador lands on the board, and a hub's page leads there, filtered to the hub.
    const cyrus = await e.signInAs('cyrus')
    expect(new URL(cyrus.url()).pathname).toBe('/cross-cutting')
    await cyrus.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    await cyrus.getByRole('heading', { name: 'Cross-cutting items' }).waitFor()
    expect(new URL(cyrus.url()).searchParams.get('hub')).toBe(e.hubs.hub.id)
    expect(await cyrus.getByText(/no access/i).count()).toBe(0)
  })

  it('Markdown shortcuts make a heading and a list that a colleague sees (the server takes the nodes)', async () => {
    const anna = await e.signInAs('anna')
    const bernd = await e.signInAs('bernd')
    for (const p of [anna, bernd]) {
      await p.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
      await p.getByTestId('editor').waitFor()
      await expect.poll(() => p.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    }
    await anna.getByTestId('editor').click()
    await anna.keyboard.press('Control+End')
    await anna.keyboard.press('Enter')
    await anna.keyboard.type('## Partner priorities')
    await anna.keyboard.press('Enter')
    await anna.keyboard.type('- Cable landing rules')
    await expect.poll(() => bernd.getByTestId('editor').locator('h2').filter({ hasText: 'Partner priorities' }).count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => bernd.getByTestId('editor').locator('ul li').filter({ hasText: 'Cable landing rules' }).count(), { timeout: 10_000 }).toBe(1)
    await anna.context().close()
    await bernd.context().close()
  })
})
