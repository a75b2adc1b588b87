import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startBrowserTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { axeViolations, launchBrowser, screenshot, signIn } from '../support/browser.js'
import { parseDocName } from '../../shared/doc-names.js'
import { createExchange, deleteItem, updateItem } from '../../shared/log-doc.js'
import { connectClient, until } from '../support/ws-client.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Historyland', missions: ['DE'] } },
  users: {
    anna: { hub: 'hub', mission: 'EU', name: 'Anna Alpha' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
    hq: { role: 'hq', name: 'Hanna HQ' },
  },
})

/** Version history in Chromium: two staff of one hub and an HQ reviewer, each in their own context. */
describe('version history in Chromium', () => {
  let t: TestServer
  let browser: Browser
  let hubId: string
  let users: CastOf<typeof CAST>['users']
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    t = await startBrowserTestServer({}, { versionIntervalMs: 200 })
    const cast = await createCast(t.db.db, CAST)
    hubId = cast.hubs.hub.id
    users = cast.users
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await t?.close()
  })

  async function signInAs(key: keyof typeof CAST.users): Promise<Page> {
    const page = await signIn(browser, t.url, users[key].email)
    contexts.push(page.context())
    return page
  }

  async function checked(page: Page, name: string) {
    await screenshot(page, name)
    expect(await axeViolations(page), name).toEqual([])
  }

  /** Index, in the newest-first list, of the newest version whose text is exactly `text`. */
  async function versionIndex(text: string): Promise<number> {
    const history = t.server.services.history!
    const doc = parseDocName(`hub/${hubId}/brief`)!
    let index = -1
    await expect
      .poll(
        async () => {
          const list = await history.list(doc)
          for (const [i, v] of list.entries()) {
            if ((await history.get(doc, v.id)).text === text) {
              index = i
              return true
            }
          }
          return false
        },
        { timeout: 15_000 },
      )
      .toBe(true)
    return index
  }

  it('opens history, previews and diffs a version, restores it; the other browser sees it live; HQ cannot restore', async () => {
    const anna = await signInAs('anna')
    const bernd = await signInAs('bernd')
    for (const page of [anna, bernd]) {
      await page.goto(`${t.url}/hubs/${hubId}/brief`)
      await page.getByTestId('editor').waitFor()
      await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    }
    await anna.getByTestId('editor').click()
    await anna.keyboard.type('First draft of the brief')
    await versionIndex('First draft of the brief')
    await anna.keyboard.press('Control+A')
    await anna.keyboard.type('Second text entirely')
    await expect.poll(() => bernd.getByTestId('editor').textContent(), { timeout: 10_000 }).toBe('Second text entirely')
    await versionIndex('Second text entirely')

    await anna.getByRole('button', { name: 'History' }).click()
    await anna.getByRole('heading', { name: 'History of the hub brief' }).waitFor()
    const index = await versionIndex('First draft of the brief')
    await expect.poll(() => anna.getByTestId('version').count()).toBeGreaterThan(index)
    await anna.getByTestId('version').nth(index).click()
    await expect.poll(() => anna.getByTestId('version-preview').textContent()).toBe('First draft of the brief')
    await checked(anna, 'history-preview')

    await anna.getByRole('button', { name: 'Changes since' }).click()
    const diff = anna.getByTestId('version-diff')
    await expect.poll(async () => (await diff.locator('.diff-text del').allTextContents()).join(' ')).toMatch(/removed: First/)
    await expect.poll(async () => (await diff.locator('.diff-text ins').allTextContents()).join(' ')).toMatch(/added: Second/)
    await checked(anna, 'history-diff')

    await anna.getByRole('button', { name: 'Restore this version' }).click()
    await expect.poll(() => anna.getByRole('status').filter({ hasText: 'restored' }).count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => bernd.getByTestId('editor').textContent(), { timeout: 10_000 }).toBe('First draft of the brief')
    await expect.poll(() => anna.getByTestId('editor').textContent(), { timeout: 10_000 }).toBe('First draft of the brief')
    await screenshot(bernd, 'history-restored-other-browser')
    await checked(anna, 'history-after-restore')

    const hq = await signInAs('hq')
    await hq.goto(`${t.url}/hubs/${hubId}/brief`)
    await hq.getByRole('button', { name: 'History' }).click()
    await hq.getByTestId('version').first().click()
    await hq.getByTestId('version-preview').waitFor()
    expect(await hq.getByRole('button', { name: 'Restore this version' }).count()).toBe(0)
    await checked(hq, 'history-hq-read-only')
  })

  it('finds a deleted exchange in the log history and restores it alone; the other browser sees it', async () => {
    const docName = `hub/${hubId}/log`
    // A third participant (a Node y-websocket client) writes and deletes entries live.
    const node = connectClient(t.url, docName, users.bernd.cookie, { origin: t.origin })
    try {
      await until(() => node.provider.synced)
      const gone = createExchange(node.doc, { title: 'Meeting with the telecom regulator', mission: 'DE', authorId: users.bernd.id })
      const kept = createExchange(node.doc, { title: 'Cable landing station visit', mission: 'DE', authorId: users.bernd.id })
      const history = t.server.services.history!
      const doc = parseDocName(docName)!
      await expect.poll(async () => {
        const [newest] = await history.list(doc)
        return newest ? (await history.get(doc, newest.id)).text.includes(gone) && (await history.get(doc, newest.id)).text.includes(kept) : false
      }, { timeout: 15_000 }).toBe(true)
      deleteItem(node.doc, gone)
      updateItem(node.doc, kept, { title: 'Cable landing station visit (report filed)' })

      const anna = await signInAs('anna')
      const bernd = await signInAs('bernd')
      for (const page of [anna, bernd]) {
        await page.goto(`${t.url}/hubs/${hubId}/exchanges`)
        await expect.poll(() => page.getByTestId('exchange').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('(report filed)')])
      }
      await anna.getByRole('button', { name: 'History' }).click()
      const restoreButton = anna.getByRole('button', { name: 'Restore this entry: Meeting with the telecom regulator' })
      await restoreButton.waitFor()
      await anna.getByTestId('version').first().click()
      await anna.getByRole('button', { name: 'Changes since' }).click()
      await anna.getByTestId('version-diff').waitFor()
      await checked(anna, 'history-log-deleted-entries')

      await restoreButton.click()
      await expect.poll(() => bernd.getByTestId('exchange').count(), { timeout: 10_000 }).toBe(2)
      const texts = (await bernd.getByTestId('exchange').allTextContents()).join(' | ')
      expect(texts).toContain('Meeting with the telecom regulator')
      expect(texts).toContain('Cable landing station visit (report filed)')
      await expect.poll(() => anna.getByText('No deleted entries in history.').count(), { timeout: 10_000 }).toBe(1)
      await screenshot(bernd, 'history-log-entry-restored-other-browser')
    } finally {
      node.destroy()
    }
  })
})
