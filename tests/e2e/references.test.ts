import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineCast } from '../support/cast.js'
import { expectAccessible, startBrowserTest, type BrowserTestOf } from '../support/browser.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Referenceland', missions: ['DE'] } },
  users: {
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
    ada: { role: 'admin', name: 'Ada Admin' },
    hq: { role: 'hq', name: 'Hana Headquarters' },
    cyra: { role: 'cyber', name: 'Cyra Cyber' },
  },
})

/**
 * Reference entities in the browser: an admin adds a Global Gateway project (the API's refusal
 * shown at its field), staff pick it in the action form, and the action's partnership link opens
 * the partnership's page listing it under its hub, for staff and HQ alike; axe on each new page.
 */
describe('partnerships and Global Gateway projects in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
  })
  afterAll(() => e?.close())

  it('an admin adds a project; it is offered in the action form; the partnership link lists the action', async () => {
    const ada = await e.signInAs('ada')
    await ada.goto(`${e.server.url}/admin/references`)
    const admin = ada.getByTestId('gg-projects-admin')
    await admin.waitFor({ timeout: 10_000 })
    await admin.getByLabel('Name', { exact: true }).fill('Lagos data centre study')
    // The suggested id is replaced by one the API refuses: its message is shown at the field.
    await admin.getByLabel(/^Identifier/).fill('Bad Id')
    await admin.getByLabel(/^Countries/).fill('NG')
    await admin.getByLabel('Stage').selectOption('preparation')
    await admin.getByRole('button', { name: 'Add project' }).click()
    const idError = admin.getByText('lowercase letters, digits and hyphens, at most 64')
    await idError.waitFor({ timeout: 10_000 })
    expect(await admin.getByLabel(/^Identifier/).getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(ada, 'admin: project refused at its field')
    await admin.getByLabel(/^Identifier/).fill('gg-lagos-dc')
    await admin.getByPlaceholder('Search team europe contributors…').fill('EIB')
    await admin.getByLabel('EIB (European Investment Bank)').check()
    await admin.getByRole('button', { name: 'Add project' }).click()
    await admin.getByText('Project “Lagos data centre study” added.').waitFor({ timeout: 10_000 })
    await admin.getByRole('link', { name: 'Lagos data centre study' }).waitFor()
    await expectAccessible(ada, 'admin: projects')

    const bernd = await e.signInAs('bernd')
    await bernd.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/actions`)
    await bernd.getByRole('button', { name: 'New action' }).click()
    const panel = bernd.getByRole('complementary', { name: 'New action' })
    await panel.waitFor({ timeout: 10_000 })
    await panel.getByLabel('Title', { exact: true }).fill('Scope the data centre with the ministry')
    const picker = panel.locator('label', { hasText: /^Global Gateway project/ }).locator('select')
    await expect.poll(() => picker.locator('option').allTextContents(), { timeout: 10_000 }).toContain('Lagos data centre study')
    await picker.selectOption({ label: 'Lagos data centre study' })
    await panel.locator('label', { hasText: /^Partnership or dialogue/ }).locator('select').selectOption('dep-nigeria')
    await panel.getByRole('button', { name: 'Save' }).click()
    const row = bernd.getByTestId('action-row').filter({ hasText: 'Scope the data centre' })
    await row.waitFor({ timeout: 10_000 })

    // From the action's partnership link to the partnership's page, which lists the action under its hub.
    await row.getByRole('link', { name: 'EU-Nigeria Digital Economy Package (Global Gateway)' }).click()
    await bernd.getByRole('heading', { level: 1, name: 'EU-Nigeria Digital Economy Package (Global Gateway)' }).waitFor({ timeout: 10_000 })
    const linked = bernd.getByTestId('linked-records')
    await linked.getByRole('heading', { name: 'Hub Referenceland' }).waitFor({ timeout: 10_000 })
    await linked.getByRole('link', { name: 'Scope the data centre with the ministry' }).waitFor()
    await expectAccessible(bernd, 'partnership page')
    // The record opens in its hub's tab.
    await linked.getByRole('link', { name: 'Scope the data centre with the ministry' }).click()
    await bernd.waitForURL(/\/hubs\/[^/]+\/actions\?item=/, { timeout: 10_000 })
    await bernd.getByTestId('action-row').filter({ hasText: 'Scope the data centre' }).waitFor({ timeout: 10_000 })

    // The project's page, and the list page from the navigation, as HQ reads them.
    const hq = await e.signInAs('hq')
    await hq.goto(`${e.server.url}/`)
    await hq.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partnerships & projects' }).click()
    await hq.getByRole('heading', { level: 1, name: 'Partnerships and projects' }).waitFor({ timeout: 10_000 })
    await hq.getByTestId('gg-projects').getByRole('link', { name: 'Lagos data centre study' }).waitFor({ timeout: 10_000 })
    await expectAccessible(hq, 'references list')
    await hq.getByTestId('gg-projects').getByRole('link', { name: 'Lagos data centre study' }).click()
    await hq.getByRole('heading', { level: 1, name: 'Lagos data centre study' }).waitFor({ timeout: 10_000 })
    const facts = await hq.locator('dl.facts').textContent()
    expect(facts).toContain('In preparation')
    expect(facts).toContain('EIB')
    await hq.getByTestId('linked-records').getByRole('link', { name: 'Scope the data centre with the ministry' }).waitFor({ timeout: 10_000 })
    await expectAccessible(hq, 'project page')
    // The dashboard links them too: question 7's row heading, and the partnership and project of each record in the drill-down.
    await hq.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click()
    await hq.getByRole('combobox', { name: /^Period/ }).selectOption('custom')
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)
    await hq.getByLabel('From', { exact: true }).fill(day(-1))
    await hq.getByLabel('To', { exact: true }).fill(day(1))
    const partnerships = hq.getByTestId('partnerships')
    await partnerships.getByRole('link', { name: 'EU-Nigeria Digital Economy Package (Global Gateway)' }).waitFor({ timeout: 15_000 })
    await partnerships.getByRole('button', { name: /^EU-Nigeria Digital Economy Package \(Global Gateway\): 1 record$/ }).click()
    const drawer = hq.getByTestId('drill-down')
    await drawer.getByText('Scope the data centre with the ministry').waitFor({ timeout: 10_000 })
    await drawer.getByRole('link', { name: 'Lagos data centre study' }).click()
    await hq.getByRole('heading', { level: 1, name: 'Lagos data centre study' }).waitFor({ timeout: 10_000 })
    await hq.goto(`${e.server.url}/gg-projects/gg-no-such`)
    await hq.getByRole('heading', { level: 1, name: 'Not found' }).waitFor({ timeout: 10_000 })

    // A cyber ambassador reads the page too, without the hub's action (not cross-cutting: not theirs to read).
    const cyra = await e.signInAs('cyra')
    await cyra.goto(`${e.server.url}/gg-projects/gg-lagos-dc`)
    await cyra.getByRole('heading', { level: 1, name: 'Lagos data centre study' }).waitFor({ timeout: 10_000 })
    await cyra.getByText('No exchange or action you may read is linked to it yet.').waitFor({ timeout: 10_000 })
    expect(await cyra.getByTestId('linked-records').getByRole('link').count()).toBe(0)
  })
})
