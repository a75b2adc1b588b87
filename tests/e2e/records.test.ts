import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, startBrowserTest, type BrowserTestOf } from '../support/browser.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Recordland', missions: ['DE'] } },
  users: {
    cora: { hub: 'hub', mission: 'EU', coordinator: true, name: 'Cora Coordinator' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
  },
})

/** Structured records in the browser: an action from an exchange, done with an outcome, and its timeline. */
describe('structured records in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  let bernd: Page
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
  })
  afterAll(() => e?.close())

  it('creates an action from an exchange, marks it done with an outcome, and shows the timeline', async () => {
    bernd = await e.signInAs('bernd')
    await bernd.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/exchanges`)
    await bernd.getByRole('button', { name: 'New exchange' }).click()
    await bernd.getByLabel('Title', { exact: true }).fill('Call with the ministry on data flows')
    await bernd.getByLabel('Type of exchange').selectOption('partner_gov_contact')
    await bernd.getByLabel('Partner government', { exact: true }).check()
    await bernd.getByLabel('Industry', { exact: true }).check()
    await expectAccessible(bernd, 'exchange form with records')
    await bernd.getByRole('button', { name: 'Post exchange' }).click()
    const entry = bernd.getByTestId('exchange').filter({ hasText: 'Call with the ministry' })
    await entry.waitFor({ timeout: 10_000 })
    expect(await entry.textContent()).toContain('Contact with the partner government')
    await entry.getByRole('link', { name: 'Create an action' }).click()
    const panel = bernd.getByRole('complementary', { name: 'New action' })
    await panel.waitFor({ timeout: 10_000 })
    expect(await panel.textContent()).toContain('From the exchange “Call with the ministry on data flows”')
    await panel.getByLabel('Title', { exact: true }).fill('Bring EU firms to the ministry')
    await panel.getByLabel('Kind').selectOption('tech_business_offer')
    await panel.getByLabel('Owner').selectOption({ label: 'Cora Coordinator (EU)' })
    await expectAccessible(bernd, 'action form with records')
    await panel.getByRole('button', { name: 'Save' }).click()
    const row = bernd.getByTestId('action-row').filter({ hasText: 'Bring EU firms' })
    await row.waitFor({ timeout: 10_000 })
    expect(await row.textContent()).toContain('Tech Business Offer')
    expect(await row.textContent()).toContain('Cora Coordinator')
    // Done asks for the outcome first.
    await bernd.getByLabel('Status of Bring EU firms to the ministry').selectOption('done')
    const dialog = bernd.getByRole('dialog', { name: /Mark “Bring EU firms to the ministry” done/ })
    await dialog.waitFor()
    await expectAccessible(bernd, 'outcome dialog')
    await dialog.getByLabel('Outcome').fill('Two EU firms met the ministry')
    await dialog.getByRole('button', { name: 'Mark done' }).click()
    await expect.poll(() => row.getByRole('combobox').inputValue(), { timeout: 10_000 }).toBe('done')
    // Staff may not reopen it: the control is closed to them.
    expect(await row.getByRole('combobox').isDisabled()).toBe(true)
    await row.getByRole('button', { name: /Edit Bring EU firms/ }).click()
    const timeline = bernd.getByTestId('status-timeline')
    await expect.poll(() => timeline.textContent(), { timeout: 10_000 }).toContain('Bernd Beta: Planned → Done')
    await expectAccessible(bernd, 'action timeline')
  })
})
