import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, startBrowserTest, type BrowserTestOf } from '../support/browser.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Scopeland', missions: ['DE'] } },
  users: {
    anna: { hub: 'hub', mission: 'EU', name: 'Anna Alpha' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
    hq: { role: 'hq', name: 'Hanna HQ' },
  },
})

const HUB_TITLE = 'Kept in the hub: visa quota talks'
const HQ_TITLE = 'Shared with Brussels: ministry roadmap'

/** Who reads an exchange follows its scope: the hub-only log never reaches HQ's browser. */
describe('sharing scopes in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  let anna: Page
  let bernd: Page
  let hq: Page
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
  })
  afterAll(() => e?.close())

  const openExchanges = async (page: Page) => {
    await page.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/exchanges`)
    await page.getByRole('list', { name: 'Exchanges, newest first' }).waitFor()
    await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
  }
  const entry = (page: Page, title: string) => page.getByTestId('exchange').filter({ hasText: title })

  it('posts a hub-only and an HQ exchange; the other member sees both live, HQ only the HQ one', async () => {
    anna = await e.signInAs('anna')
    bernd = await e.signInAs('bernd')
    hq = await e.signInAs('hq')
    // Everyone is on the feed before anything is posted: what arrives, arrives live.
    await Promise.all([openExchanges(anna), openExchanges(bernd), openExchanges(hq)])

    await anna.getByRole('button', { name: 'New exchange' }).click()
    const hqRadio = anna.getByRole('radio', { name: /^HQ/ })
    expect(await hqRadio.isChecked()).toBe(true)
    await expectAccessible(anna, 'scopes-picker')
    await anna.getByLabel('Title', { exact: true }).fill(HUB_TITLE)
    await anna.getByRole('radio', { name: /^Hub only/ }).check()
    await anna.getByRole('button', { name: 'Post exchange' }).click()
    await entry(anna, HUB_TITLE).waitFor()

    await anna.getByRole('button', { name: 'New exchange' }).click()
    await anna.getByLabel('Title', { exact: true }).fill(HQ_TITLE)
    await anna.getByRole('button', { name: 'Post exchange' }).click()

    for (const page of [anna, bernd]) {
      await entry(page, HUB_TITLE).waitFor({ timeout: 10_000 })
      await entry(page, HQ_TITLE).waitFor({ timeout: 10_000 })
      expect(await entry(page, HUB_TITLE).getByTestId('scope-chip').textContent()).toContain('Hub only')
      expect(await entry(page, HQ_TITLE).getByTestId('scope-chip').textContent()).toContain('HQ')
    }
    expect(await entry(bernd, HUB_TITLE).getByTestId('scope-chip').getAttribute('title')).toBe("Only the hub's missions")

    // HQ gets the later entry; the earlier, hub-only one never reached this page.
    await entry(hq, HQ_TITLE).waitFor({ timeout: 10_000 })
    expect(await hq.locator('body').textContent()).not.toContain(HUB_TITLE)
    expect(await hq.getByTestId('exchange').count()).toBe(1)
    expect(await hq.getByRole('radio').count()).toBe(0)
    await expectAccessible(hq, 'scopes-hq-feed')
  })

  it('filters the feed by scope', async () => {
    await bernd.getByRole('combobox', { name: /^Scope/ }).selectOption('hub')
    await expect.poll(() => bernd.getByTestId('exchange').count()).toBe(1)
    await entry(bernd, HUB_TITLE).waitFor()
    await bernd.getByRole('combobox', { name: /^Scope/ }).selectOption('hq')
    await expect.poll(() => bernd.getByTestId('exchange').count()).toBe(1)
    await entry(bernd, HQ_TITLE).waitFor()
    await bernd.getByRole('combobox', { name: /^Scope/ }).selectOption('')
    await expect.poll(() => bernd.getByTestId('exchange').count()).toBe(2)
  })

  it('moves the HQ exchange into the hub: HQ drops it live, the members see it as hub-only', async () => {
    await anna.getByRole('button', { name: `Edit ${HQ_TITLE}` }).click()
    await anna.getByRole('radio', { name: /^Hub only/ }).check()
    await anna.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => entry(hq, HQ_TITLE).count(), { timeout: 10_000 }).toBe(0)
    expect(await hq.locator('body').textContent()).not.toContain(HQ_TITLE)
    for (const page of [anna, bernd]) {
      await expect
        .poll(() => entry(page, HQ_TITLE).getByTestId('scope-chip').textContent(), { timeout: 10_000 })
        .toContain('Hub only')
      expect(await entry(page, HQ_TITLE).count()).toBe(1)
    }
    expect(await anna.getByRole('alert').count()).toBe(0)
  })
})
