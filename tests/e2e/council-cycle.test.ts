import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, startBrowserTest, type BrowserTestOf } from '../support/browser.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Cycleland' }, other: { name: 'Hub Returnland' } },
  users: {
    coord: { hub: 'hub', mission: 'EU', coordinator: true, name: 'Cora Coordinator' },
    coord2: { hub: 'other', mission: 'EU', coordinator: true, name: 'Rita Returner' },
    hq: { role: 'hq', name: 'Hanna HQ' },
    admin: { role: 'admin', name: 'Ada Admin' },
  },
})

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const OPEN = { id: 'CYCLE-OPEN', start: day(-60), end: day(60), brief_due: day(30) }

/** The brief cycle in Chromium: a coordinator submits, HQ acknowledges, an admin creates and locks a period. */
describe('council cycle in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  let coord: Page
  let hq: Page
  const briefUrl = () => `${e.server.url}/hubs/${e.hubs.hub.id}/brief`
  const chip = (page: Page, text: string) => page.getByTestId('brief-status').filter({ hasText: text })

  beforeAll(async () => {
    e = await startBrowserTest(CAST)
    await e.server.db.db.insertInto('periods').values(OPEN).execute()
    coord = await e.signInAs('coord')
    hq = await e.signInAs('hq')
  })
  afterAll(() => e?.close())

  it('the coordinator submits the brief for the open period', async () => {
    await coord.goto(briefUrl())
    await chip(coord, 'Draft').waitFor()
    await coord.getByTestId('editor').click()
    await coord.keyboard.type('Our priorities for this period.')
    await coord.getByRole('button', { name: `Submit for ${OPEN.id}` }).click()
    await coord.getByText("Submitting freezes the brief as it stands now").waitFor()
    await expectAccessible(coord, 'brief-submit-confirm')
    await coord.getByRole('button', { name: 'Submit now' }).click()
    await chip(coord, 'Submitted').waitFor()
    await coord.getByText(`Brief submitted for ${OPEN.id}.`).waitFor()
    await expectAccessible(coord, 'brief-submitted')
  })

  it('HQ, in another context, sees "Submitted" and acknowledges with a note', async () => {
    await hq.goto(briefUrl())
    await chip(hq, 'Submitted').waitFor()
    await hq.getByRole('button', { name: 'View as submitted' }).click()
    await hq.getByTestId('submitted-brief').getByText(`Brief as submitted for ${OPEN.id}`).waitFor()
    await hq.getByRole('button', { name: 'Compare with the brief now' }).click()
    await hq.getByTestId('brief-diff').waitFor()
    await hq.getByLabel(/^Note to the hub/).fill('Thank you — <b>clear</b> and complete.')
    await hq.getByRole('button', { name: 'Acknowledge' }).click()
    await chip(hq, 'Acknowledged').waitFor()
    await expectAccessible(hq, 'brief-acknowledged')
  })

  it('the coordinator sees "Acknowledged" with the note, and can no longer submit', async () => {
    await coord.reload()
    await chip(coord, 'Acknowledged').waitFor()
    // The note is shown as text, markup included, never as HTML.
    expect(await coord.getByTestId('brief-note').innerText()).toContain('Thank you — <b>clear</b> and complete.')
    expect(await coord.getByRole('button', { name: `Submit for ${OPEN.id}` }).isDisabled()).toBe(true)
    await coord.getByText('HQ has acknowledged this brief: it is final for the period.').waitFor()
  })

  it('HQ follows every hub’s brief per period from the dashboard', async () => {
    await hq.getByRole('link', { name: 'Dashboard' }).click()
    await hq.getByRole('link', { name: 'Briefs of every hub per period' }).click()
    await hq.getByRole('heading', { name: 'Briefs per period' }).waitFor()
    const row = hq.getByTestId('compliance').getByRole('row').filter({ hasText: 'Hub Cycleland' })
    await row.getByText('Acknowledged').waitFor()
    await expectAccessible(hq, 'compliance')
    await row.getByRole('link', { name: 'Hub Cycleland' }).click()
    await chip(hq, 'Acknowledged').waitFor()
  })

  it('HQ returns a brief only with a note, which its coordinator then reads', async () => {
    const rita = await e.signInAs('coord2')
    const url = `${e.server.url}/hubs/${e.hubs.other.id}/brief`
    await rita.goto(url)
    await rita.getByRole('button', { name: `Submit for ${OPEN.id}` }).click()
    await rita.getByRole('button', { name: 'Submit now' }).click()
    await chip(rita, 'Submitted').waitFor()
    await hq.goto(url)
    await hq.getByRole('button', { name: 'Return with a note' }).click()
    await hq.getByText('Say what the hub should change before returning the brief.').waitFor()
    await hq.getByLabel(/^Note to the hub/).fill('Please add the Global Gateway obstacles.')
    await hq.getByRole('button', { name: 'Return with a note' }).click()
    await chip(hq, 'Returned').waitFor()
    await rita.reload()
    await chip(rita, 'Returned').waitFor()
    await rita.getByTestId('brief-note').getByText('Please add the Global Gateway obstacles.').waitFor()
    expect(await rita.getByRole('button', { name: `Submit for ${OPEN.id}` }).isDisabled()).toBe(false)
  })

  it('an admin creates a period and locks it after a confirmation; the dashboard lists both', async () => {
    const admin = await e.signInAs('admin')
    await admin.getByRole('link', { name: 'Admin', exact: true }).click()
    await admin.getByRole('link', { name: 'Reporting periods' }).click()
    await admin.getByRole('heading', { name: 'Reporting periods', level: 2 }).waitFor()
    const form = admin.getByRole('form', { name: 'New reporting period' })
    await form.getByLabel(/^Period id/).fill('CYCLE-PAST')
    await form.getByLabel('First day').fill(day(-240))
    await form.getByLabel('Last day').fill(day(-61))
    await form.getByLabel('Briefs due').fill(day(-70))
    await form.getByRole('button', { name: 'Create period' }).click()
    await admin.getByText('Period CYCLE-PAST created.').waitFor()
    const row = admin.getByTestId('periods').getByRole('row').filter({ hasText: 'CYCLE-PAST' })
    await row.getByText('Open').waitFor()
    await expectAccessible(admin, 'periods')
    await row.getByRole('button', { name: 'Lock CYCLE-PAST' }).click()
    const asking = admin.getByRole('dialog', { name: 'Lock period CYCLE-PAST?' })
    await asking.getByText('Locking freezes the figures of this period and its briefs: it cannot be undone.').waitFor()
    await asking.getByRole('button', { name: 'Lock CYCLE-PAST now' }).click()
    await admin.getByText('Period CYCLE-PAST locked.').waitFor()
    await row.getByText(/^Locked on /).waitFor()

    await admin.getByRole('link', { name: 'Dashboard' }).click()
    const picker = admin.getByRole('combobox', { name: /^Period/ })
    await expect
      .poll(
        async () => (await picker.locator('option').allInnerTexts()).map((t) => t.split(' ')[0]),
        { timeout: 15_000 },
      )
      .toEqual([OPEN.id, 'CYCLE-PAST', 'Custom'])
    expect(await picker.locator('option', { hasText: 'CYCLE-PAST' }).innerText()).toMatch(/· locked · figures as of /)
    await picker.selectOption('CYCLE-PAST')
    await admin.getByTestId('frozen').getByText(/^Figures frozen at the lock on /).waitFor()
  })
})
