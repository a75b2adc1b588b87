import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineCast } from '../support/cast.js'
import { expectAccessible, startBrowserTest, type BrowserTestOf } from '../support/browser.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Testland', missions: ['DE'] } },
  users: {
    anna: { hub: 'hub', mission: 'EU', coordinator: true, name: 'Anna Alpha' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
    cyrus: { role: 'cyber', name: 'Cyrus Cyber' },
  },
})

/** A hub asks the cyber ambassadors for input; one answers; the hub sees it live; mentions reach the inbox. */
describe('cross-cutting input in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
  })
  afterAll(() => e?.close())

  it('request → board → cyber comment with a mention → live answer and state → inbox', async () => {
    const anna = await e.signInAs('anna')
    await anna.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/exchanges`)
    await anna.getByRole('button', { name: 'New exchange' }).click()
    await anna.getByLabel('Title', { exact: true }).fill('Submarine cable landing rules')
    await anna.getByLabel(/Cross-cutting \(visible to cyber/).check()
    await anna.getByRole('button', { name: 'Post exchange' }).click()
    const comments = anna.getByRole('button', { name: /Comments on Submarine cable landing rules/ })
    await comments.waitFor()
    await comments.click()
    const thread = anna.getByTestId('thread')
    await thread.getByRole('button', { name: 'Request input from the cyber ambassadors' }).click({ timeout: 10_000 })
    await expect.poll(() => thread.getByTestId('input-status').textContent(), { timeout: 10_000 }).toBe('awaiting input')

    const cyrus = await e.signInAs('cyrus')
    await expect.poll(() => cyrus.getByTestId('unread').textContent(), { timeout: 10_000 }).toContain('1')
    await cyrus.getByRole('link', { name: 'Cross-cutting' }).click()
    const first = cyrus.getByTestId('board-item').first()
    await first.waitFor()
    expect(await first.textContent()).toContain('Submarine cable landing rules')
    expect(await first.getByTestId('board-status').textContent()).toContain('awaiting input')
    await expectAccessible(cyrus, 'cross-cutting-board')
    await first.getByRole('button', { name: 'Submarine cable landing rules' }).click()
    await cyrus.getByLabel(/Your comment/).fill('See the toolbox guidance https://example.org/toolbox and ask @Bernd Beta <script>alert(1)</script>')
    await cyrus.getByRole('button', { name: 'Post comment' }).click()

    // Anna's open thread updates by itself: the comment and the new state.
    await thread.getByTestId('comments').getByText('See the toolbox guidance').waitFor({ timeout: 10_000 })
    await expect.poll(() => thread.getByTestId('input-status').textContent(), { timeout: 10_000 }).toBe('input provided')
    expect(await thread.getByRole('link', { name: 'https://example.org/toolbox' }).getAttribute('rel')).toContain('noopener')
    expect(await thread.locator('script').count()).toBe(0)
    await expectAccessible(anna, 'thread')

    const bernd = await e.signInAs('bernd')
    await bernd.getByRole('link', { name: /Inbox/ }).click()
    const entry = bernd.getByTestId('inbox-entry').first()
    await entry.waitFor()
    expect(await entry.textContent()).toContain('Cyrus Cyber mentioned you on Submarine cable landing rules')
    await expectAccessible(bernd, 'inbox')
  })
})
