import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, startBrowserTest, type BrowserTestOf } from '../support/browser.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Anchorland' } },
  users: {
    coord: { hub: 'hub', mission: 'EU', coordinator: true, name: 'Cora Coordinator' },
    hq: { role: 'hq', name: 'Hanna HQ' },
  },
})

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const PERIOD = { id: 'ANCHOR-OPEN', start: day(-60), end: day(60), brief_due: day(30) }
const PASSAGE = 'connectivity and skills'

/** The text the comment highlight covers in the page, range by range. */
const highlighted = (page: Page) =>
  page.evaluate(() => {
    const h = CSS.highlights.get('hw-comment')
    return h ? [...(h as unknown as Set<Range>)].map((r) => r.toString()) : []
  })

/** Selects the first occurrence of `text` in the page's editor, as a mouse drag would. */
const selectText = (page: Page, text: string) =>
  page.evaluate((passage) => {
    const root = document.querySelector('[data-testid="editor"]')!
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      const at = t.data.indexOf(passage)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(t, at)
      range.setEnd(t, at + passage.length)
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
      return
    }
    throw new Error('passage not found')
  }, text)

/**
 * The rest of the Council cycle in Chromium: HQ's answer reaches the coordinator's open brief tab
 * live (no reload), and a comment HQ anchors to a passage stays on that passage while the
 * coordinator, in another browser, types above it.
 */
describe('brief steps live, and comments anchored to passages, in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  let coord: Page
  let hq: Page
  const briefUrl = () => `${e.server.url}/hubs/${e.hubs.hub.id}/brief`
  const chip = (page: Page, text: string) => page.getByTestId('brief-status').filter({ hasText: text })

  beforeAll(async () => {
    e = await startBrowserTest(CAST)
    await e.server.db.db.insertInto('periods').values(PERIOD).execute()
    const brief = await buildLexicalDoc([{ type: 'h1', text: 'Hub brief' }, { type: 'p', text: 'Context of the hub.' }, { type: 'p', text: `Partner priorities: ${PASSAGE}.` }])
    await appendUpdates(e.server.db.db, [{ doc: `hub/${e.hubs.hub.id}/brief`, update: brief, userId: e.users.coord.id }])
    coord = await e.signInAs('coord')
    hq = await e.signInAs('hq')
  })
  afterAll(() => e?.close())

  it('the coordinator submits; HQ acknowledges with a note; the coordinator sees both live, without a reload', async () => {
    await coord.goto(briefUrl())
    await hq.goto(briefUrl())
    await chip(coord, 'Draft').waitFor()
    await chip(hq, 'Draft').waitFor()
    // A mark on the page: a reload or navigation would lose it.
    await coord.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true))
    await coord.getByRole('button', { name: `Submit for ${PERIOD.id}` }).click()
    await coord.getByRole('button', { name: 'Submit now' }).click()
    await chip(coord, 'Submitted').waitFor()
    // HQ's open tab hears of the submission live too.
    await chip(hq, 'Submitted').waitFor({ timeout: 10_000 })
    await hq.getByLabel(/^Note to the hub/).fill('Thank you: please add the Tech Business Offer next time.')
    await hq.getByRole('button', { name: 'Acknowledge' }).click()
    await chip(coord, 'Acknowledged').waitFor({ timeout: 10_000 })
    await coord.getByTestId('brief-note').getByText('Thank you: please add the Tech Business Offer next time.').waitFor()
    expect(await coord.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true)
    // HQ's inbox named the hub and the period when the brief came in, and leads to the brief tab.
    await hq.getByRole('link', { name: /Inbox/ }).click()
    const line = hq.getByTestId('inbox-entry').filter({ hasText: 'Hub Anchorland' }).filter({ hasText: PERIOD.id })
    await line.waitFor()
    await expectAccessible(hq, 'inbox-brief-step')
    await line.getByRole('link').click()
    await chip(hq, 'Acknowledged').waitFor()
  })

  it('HQ, who cannot edit, comments on a passage; it stays on its passage while the coordinator types above it', async () => {
    await hq.goto(briefUrl())
    await hq.getByTestId('open-hq-comments').getByText('No open HQ comments').waitFor()
    const editor = hq.getByTestId('editor')
    await editor.getByText(PASSAGE, { exact: false }).waitFor()
    // Select the passage as a mouse would (the read-only editor still allows selecting).
    await selectText(hq, PASSAGE)
    const comment = hq.getByRole('button', { name: 'Comment', exact: true })
    await expect.poll(() => comment.isEnabled()).toBe(true)
    await comment.click()
    await hq.getByLabel(/^Your comment/).fill('Which partners? @Cora Coordinator please name them.')
    await expectAccessible(hq, 'anchored-comment-composer')
    await hq.getByRole('button', { name: 'Post comment' }).click()
    await hq.getByTestId('doc-thread').getByTestId('doc-thread-quote').getByText(PASSAGE).waitFor()
    await hq.getByTestId('open-hq-comments').getByText('1 open HQ comment', { exact: true }).waitFor()
    await expect.poll(() => highlighted(hq)).toEqual([PASSAGE])

    // The coordinator has the brief open in another browser: the comment arrives live, highlighted there too.
    await coord.getByTestId('doc-thread').getByTestId('doc-thread-quote').getByText(PASSAGE).waitFor({ timeout: 10_000 })
    await expect.poll(() => highlighted(coord)).toEqual([PASSAGE])
    // They type above the passage: at the start of the paragraph before it, and right before it in its own.
    await coord.getByTestId('editor').getByText('Context of the hub.').click()
    await coord.keyboard.press('Home')
    await coord.keyboard.type('New first words. ')
    await coord.getByTestId('editor').getByText('Partner priorities', { exact: false }).click()
    await coord.keyboard.press('Home')
    await coord.keyboard.type('Updated: ')
    // And right after it, before the full stop: nothing typed next to the passage joins it.
    await coord.keyboard.press('End')
    await coord.keyboard.press('ArrowLeft')
    await coord.keyboard.type(' now')
    await hq.getByTestId('editor').getByText(`Updated: Partner priorities: ${PASSAGE} now.`, { exact: false }).waitFor({ timeout: 10_000 })
    await hq.getByTestId('editor').getByText('New first words.', { exact: false }).waitFor()
    await expect.poll(() => highlighted(hq)).toEqual([PASSAGE])
    await expect.poll(() => highlighted(coord)).toEqual([PASSAGE])
    await expectAccessible(hq, 'anchored-comments-panel')

    // The coordinator deletes the passage entirely: the thread stays, its quote kept, "passage removed".
    // Selected as a mouse would, then deleted: counting arrow presses raced the editor's own
    // selection update (CDP sends keys faster than any hand) and left a letter behind now and then.
    await selectText(coord, PASSAGE)
    await expect.poll(() => coord.evaluate(() => getSelection()?.toString())).toBe(PASSAGE)
    await coord.keyboard.press('Backspace')
    await coord.getByTestId('editor').getByText('Updated: Partner priorities:', { exact: false }).filter({ hasNotText: PASSAGE }).waitFor()
    await hq.getByTestId('doc-thread').getByTestId('passage-removed').waitFor({ timeout: 10_000 })
    expect(await hq.getByTestId('doc-thread-quote').innerText()).toContain(PASSAGE)
    await expect.poll(() => highlighted(hq)).toEqual([])
  })
})
