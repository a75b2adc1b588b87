import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, startBrowserTest, type BrowserTestOf } from '../support/browser.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Mentionland', missions: ['PL'] }, other: { name: 'Hub Elsewhere' } },
  users: {
    coord: { hub: 'hub', mission: 'EU', coordinator: true, name: 'Cora Coordinator' },
    ewa: { hub: 'hub', mission: 'PL', name: 'Ewa Kowalska' },
    // Of another hub: may not read this brief, so never offered.
    ewan: { hub: 'other', mission: 'EU', name: 'Ewan Outsider' },
  },
})

/**
 * "@Ew" in the brief offers the colleagues who may read it; the keyboard picks one; the
 * mention shows as her name, and her inbox says who mentioned her, in which hub and what was said.
 */
describe('mentions in the brief, in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  let coord: Page
  let ewa: Page

  beforeAll(async () => {
    e = await startBrowserTest(CAST)
    const brief = await buildLexicalDoc([{ type: 'h1', text: 'Hub brief' }, { type: 'p', text: 'Context of the hub.' }])
    await appendUpdates(e.server.db.db, [{ doc: `hub/${e.hubs.hub.id}/brief`, update: brief, userId: e.users.coord.id }])
    coord = await e.signInAs('coord')
    ewa = await e.signInAs('ewa')
  })
  afterAll(() => e?.close())

  it('types "@Ew", picks Ewa with the keyboard, and Ewa\'s inbox shows the mention', async () => {
    await coord.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    const editor = coord.getByTestId('editor')
    await editor.getByText('Context of the hub.').waitFor()
    await editor.getByText('Context of the hub.').click()
    await coord.keyboard.press('End')
    await coord.keyboard.type(' Ask @Ew')
    const menu = coord.getByRole('listbox', { name: 'People who may read this document' })
    await menu.getByRole('option', { name: 'Ewa Kowalska' }).waitFor()
    expect(await menu.getByRole('option').allTextContents()).toEqual(['Ewa Kowalska'])
    await expectAccessible(coord, 'brief-mention-typeahead')
    // Escape closes the list and leaves the text; typing on opens it again.
    await coord.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })
    await coord.keyboard.type('a')
    await menu.getByRole('option', { name: 'Ewa Kowalska' }).waitFor()
    await coord.keyboard.press('ArrowDown')
    await coord.keyboard.press('ArrowUp')
    await coord.keyboard.press('Enter')
    await menu.waitFor({ state: 'detached' })
    await editor.getByTestId('mention').filter({ hasText: '@Ewa Kowalska' }).waitFor()
    await coord.keyboard.type('about the 5G toolbox.')
    await editor.getByText('about the 5G toolbox.').waitFor()

    await ewa.goto(`${e.server.url}/inbox`)
    const line = ewa.getByTestId('inbox-entry').filter({ hasText: 'Cora Coordinator' }).filter({ hasText: 'Hub Mentionland' })
    await line.waitFor({ timeout: 10_000 })
    await line.getByText(/Ask @Ewa Kowalska/).first().waitFor()
  })
})
