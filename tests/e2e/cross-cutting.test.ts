import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { freePort } from '../support/global-setup.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createHub, createUser, TEST_PASSWORD } from '../support/factories.js'
import { axeViolations, launchBrowser, screenshot } from '../support/browser.js'

/** A hub asks the cyber ambassadors for input; one answers; the hub sees it live; mentions reach the inbox. */
describe('cross-cutting input in Chromium', () => {
  let t: TestServer
  let browser: Browser
  let hubId: string
  const users: Record<string, { email: string; name: string }> = {}

  beforeAll(async () => {
    const port = await freePort()
    t = await startTestServer('pglite', { PORT: String(port), PUBLIC_ORIGIN: `http://127.0.0.1:${port}` })
    const hub = await createHub(t.db.db, { name: 'Hub Testland', missions: ['DE'] })
    hubId = hub.id
    const make = async (key: string, name: string, opts: Parameters<typeof createUser>[1]) => {
      const u = await createUser(t.db.db, { ...opts, name })
      users[key] = { email: u.email, name }
    }
    await make('anna', 'Anna Alpha', { hubId, mission: 'EU', coordinator: true })
    await make('bernd', 'Bernd Beta', { hubId, mission: 'DE' })
    await make('cyrus', 'Cyrus Cyber', { role: 'cyber' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  async function signIn(key: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await page.goto(`${t.url}/`)
    await page.getByLabel('Email').fill(users[key].email)
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'My hubs' }).waitFor()
    return page
  }

  it('request → board → cyber comment with a mention → live answer and state → inbox', async () => {
    const anna = await signIn('anna')
    await anna.goto(`${t.url}/hubs/${hubId}/exchanges`)
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

    const cyrus = await signIn('cyrus')
    await expect.poll(() => cyrus.getByTestId('unread').textContent(), { timeout: 10_000 }).toContain('1')
    await cyrus.getByRole('link', { name: 'Cross-cutting' }).click()
    const first = cyrus.getByTestId('board-item').first()
    await first.waitFor()
    expect(await first.textContent()).toContain('Submarine cable landing rules')
    expect(await first.getByTestId('board-status').textContent()).toContain('awaiting input')
    await screenshot(cyrus, 'cross-cutting-board')
    expect(await axeViolations(cyrus)).toEqual([])
    await first.getByRole('button', { name: 'Submarine cable landing rules' }).click()
    await cyrus.getByLabel(/Your comment/).fill('See the toolbox guidance https://example.org/toolbox and ask @Bernd Beta <script>alert(1)</script>')
    await cyrus.getByRole('button', { name: 'Post comment' }).click()

    // Anna's open thread updates by itself: the comment and the new state.
    await thread.getByTestId('comments').getByText('See the toolbox guidance').waitFor({ timeout: 10_000 })
    await expect.poll(() => thread.getByTestId('input-status').textContent(), { timeout: 10_000 }).toBe('input provided')
    expect(await thread.getByRole('link', { name: 'https://example.org/toolbox' }).getAttribute('rel')).toContain('noopener')
    expect(await thread.locator('script').count()).toBe(0)
    await screenshot(anna, 'thread')
    expect(await axeViolations(anna)).toEqual([])

    const bernd = await signIn('bernd')
    await bernd.getByRole('link', { name: /Inbox/ }).click()
    const entry = bernd.getByTestId('inbox-entry').first()
    await entry.waitFor()
    expect(await entry.textContent()).toContain('Cyrus Cyber mentioned you on Submarine cable landing rules')
    await screenshot(bernd, 'inbox')
    expect(await axeViolations(bernd)).toEqual([])
  })
})
