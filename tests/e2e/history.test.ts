import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineCast } from '../support/cast.js'
import { expectAccessible, screenshot, startBrowserTest, type BrowserTestOf } from '../support/browser.js'
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
  let e: BrowserTestOf<typeof CAST>
  beforeAll(async () => {
    e = await startBrowserTest(CAST, {}, { versionIntervalMs: 200 })
  })
  afterAll(() => e?.close())

  /** Index, in the newest-first list, of the newest version whose text is exactly `text`. */
  async function versionIndex(text: string): Promise<number> {
    const history = e.server.server.services.history!
    const doc = parseDocName(`hub/${e.hubs.hub.id}/brief`)!
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
    const anna = await e.signInAs('anna')
    const bernd = await e.signInAs('bernd')
    for (const page of [anna, bernd]) {
      await page.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
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
    await expectAccessible(anna, 'history-preview')

    await anna.getByRole('button', { name: 'Changes since' }).click()
    const diff = anna.getByTestId('version-diff')
    await expect.poll(async () => (await diff.locator('.diff-text del').allTextContents()).join(' ')).toMatch(/removed: First/)
    await expect.poll(async () => (await diff.locator('.diff-text ins').allTextContents()).join(' ')).toMatch(/added: Second/)
    await expectAccessible(anna, 'history-diff')

    await anna.getByRole('button', { name: 'Restore this version' }).click()
    await expect.poll(() => anna.getByRole('status').filter({ hasText: 'restored' }).count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => bernd.getByTestId('editor').textContent(), { timeout: 10_000 }).toBe('First draft of the brief')
    await expect.poll(() => anna.getByTestId('editor').textContent(), { timeout: 10_000 }).toBe('First draft of the brief')
    await screenshot(bernd, 'history-restored-other-browser')
    await expectAccessible(anna, 'history-after-restore')

    const hq = await e.signInAs('hq')
    await hq.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    await hq.getByRole('button', { name: 'History' }).click()
    await hq.getByTestId('version').first().click()
    await hq.getByTestId('version-preview').waitFor()
    expect(await hq.getByRole('button', { name: 'Restore this version' }).count()).toBe(0)
    await expectAccessible(hq, 'history-hq-read-only')
  })

  it('finds a deleted exchange in the log history and restores it alone; the other browser sees it', async () => {
    const docName = `hub/${e.hubs.hub.id}/log`
    // A third participant (a Node y-websocket client) writes and deletes entries live.
    const node = connectClient(e.server.url, docName, e.users.bernd.cookie, { origin: e.server.origin })
    try {
      await until(() => node.provider.synced)
      const gone = createExchange(node.doc, { title: 'Meeting with the telecom regulator', mission: 'DE', authorId: e.users.bernd.id })
      const kept = createExchange(node.doc, { title: 'Cable landing station visit', mission: 'DE', authorId: e.users.bernd.id })
      const history = e.server.server.services.history!
      const doc = parseDocName(docName)!
      await expect.poll(async () => {
        const [newest] = await history.list(doc)
        return newest ? (await history.get(doc, newest.id)).text.includes(gone) && (await history.get(doc, newest.id)).text.includes(kept) : false
      }, { timeout: 15_000 }).toBe(true)
      deleteItem(node.doc, gone)
      updateItem(node.doc, kept, { title: 'Cable landing station visit (report filed)' })

      const anna = await e.signInAs('anna')
      const bernd = await e.signInAs('bernd')
      for (const page of [anna, bernd]) {
        await page.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/exchanges`)
        await expect.poll(() => page.getByTestId('exchange').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('(report filed)')])
      }
      await anna.getByRole('button', { name: 'History' }).click()
      const restoreButton = anna.getByRole('button', { name: 'Restore this entry: Meeting with the telecom regulator' })
      await restoreButton.waitFor()
      await anna.getByTestId('version').first().click()
      await anna.getByRole('button', { name: 'Changes since' }).click()
      await anna.getByTestId('version-diff').waitFor()
      await expectAccessible(anna, 'history-log-deleted-entries')

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
