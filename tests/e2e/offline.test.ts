import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, submitSignIn, startBrowserTest, type BrowserTestOf } from '../support/browser.js'
import { cuttableContext, serviceWorkerReady, type CuttableContext } from '../support/offline-browser.js'
import { briefDocName, noteDocName } from '../../shared/doc-names.js'
import { client } from '../support/http.js'
import { readDocState } from '../../server/db/update-store.js'
import { lexicalDocToText } from '../../server/editor/headless.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Offlineland', missions: ['DE'] } },
  users: {
    anna: { hub: 'hub', mission: 'EU', name: 'Anna Alpha' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
    carla: { hub: 'hub', mission: 'DE', name: 'Carla Gamma' },
  },
})

/** The app with no network, through its service worker (not bypassed): one server and browser for all. */
describe('offline in Chromium, with the service worker', () => {
  let e: BrowserTestOf<typeof CAST>
  let noteId: string
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
    const anna = client(e.server.url, e.server.url, e.users.anna.cookie)
    const res = await anna.request('POST', `/api/hubs/${e.hubs.hub.id}/notes`, { title: 'Field notes', scope: 'hub' })
    expect(res.status).toBe(201)
    noteId = res.body.id
  })
  afterAll(() => e?.close())

  const hubUrl = (tab: string) => `${e.server.url}/hubs/${e.hubs.hub.id}/${tab}`
  const stored = async (doc: string) =>
    (await e.server.db.db.selectFrom('doc_text').select('text').where('doc', '=', doc).executeTakeFirst())?.text ?? ''
  /** A document's text as its stored updates hold it: what the server has durably, before any projection. */
  const storedUpdatesText = async (doc: string) => {
    const state = await readDocState(e.server.db.db, doc)
    return state ? lexicalDocToText(state.update) : ''
  }
  const status = (page: Page) => page.getByTestId('sync-status').first().textContent()
  const waitConnected = (page: Page) => expect.poll(() => status(page), { timeout: 15_000 }).toBe('connected')
  const typeAtEnd = async (page: Page, text: string) => {
    await page.getByTestId('editor').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(text)
  }
  /** Every change of the page is confirmed by the server (none counted as waiting). */
  const allConfirmed = (page: Page) =>
    expect.poll(() => page.evaluate(() => localStorage.getItem('hubwork:unsent') ?? '{}'), { timeout: 10_000 }).toBe('{}')
  /** Signs in in a cuttable context; the service worker is installed by the first page. */
  const start = async (who: 'anna' | 'bernd' | 'carla'): Promise<{ net: CuttableContext; page: Page }> => {
    const net = await cuttableContext(e.browser)
    const page = await net.newPage()
    await page.goto(`${e.server.url}/`)
    await submitSignIn(page, e.users[who].email)
    await page.getByRole('heading', { name: 'My hubs' }).waitFor()
    expect(await serviceWorkerReady(page)).toBe('activated')
    return { net, page }
  }

  it('opens with no network, shows the hubs, edits the brief, and merges on reconnect', async () => {
    const { net, page } = await start('anna')
    await page.goto(hubUrl('brief'))
    await page.getByTestId('editor').waitFor()
    await waitConnected(page)
    await typeAtEnd(page, ' Kept line.')
    await expect.poll(() => stored(briefDocName(e.hubs.hub.id)), { timeout: 15_000 }).toContain('Kept line.')
    await allConfirmed(page)

    await net.setOffline(true)
    await page.reload()
    // The page came from the service worker, not the network.
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
    await page.getByTestId('editor').waitFor()
    await page.getByTestId('offline-bar').waitFor()
    await page.getByTestId('local-only').waitFor()
    await expect.poll(() => page.getByTestId('editor').textContent()).toContain('Kept line.')
    await typeAtEnd(page, ' Typed offline.')
    // "connecting": the page opened offline keeps trying the server (Chromium's emulation may still say onLine).
    // One phrase typed in one go is one change, not its 15 keystrokes.
    await expect.poll(() => status(page)).toMatch(/^(offline|connecting) — 1 change waiting$/)
    await expectAccessible(page, 'offline-brief')

    // My hubs, from what this browser kept.
    await page.getByRole('link', { name: 'My hubs' }).click()
    await page.getByTestId('hub-card').waitFor()
    expect(await page.getByTestId('hub-card').textContent()).toContain('Hub Offlineland')

    // Notes were never listed on this browser: the tab says so, and loads by itself once the link is back.
    await page.goto(hubUrl('notes')).catch(() => {})
    await page.getByTestId('not-offline').waitFor()

    // Meanwhile Bernd edits the brief online.
    const bernd = await e.signInAs('bernd')
    await bernd.goto(hubUrl('brief'))
    await bernd.getByTestId('editor').waitFor()
    await waitConnected(bernd)
    await typeAtEnd(bernd, ' Bernd online.')
    await expect.poll(() => stored(briefDocName(e.hubs.hub.id)), { timeout: 15_000 }).toContain('Bernd online.')

    await net.setOffline(false)
    await page.getByRole('link', { name: 'Field notes' }).waitFor({ timeout: 15_000 })
    await page.goto(hubUrl('brief'))
    await waitConnected(page)
    await expect.poll(() => stored(briefDocName(e.hubs.hub.id)), { timeout: 15_000 }).toContain('Typed offline.')
    const brief = await stored(briefDocName(e.hubs.hub.id))
    expect(brief).toContain('Bernd online.')
    expect(brief).toContain('Kept line.')
    await expect.poll(() => page.getByTestId('editor').textContent()).toContain('Bernd online.')
    await bernd.context().close()
    await net.context.close()
  })

  // KNOWN WRONG (issue 20 stays open): in the merged product this fails: after the tab is reopened offline and
  // "Wait for sync" is chosen, the sign-out goes ahead before the brief's 250 offline changes reach the server.
  // Skipped so that it is seen in every run and fixed next, not deleted; the same test passed on its branch.
  it('500 edits offline across brief, notes and log, the tab closed and reopened offline: all merge, the count right throughout', async () => {
    const { net, page } = await start('anna')
    // Each document opened once online: its local copy and list are on this browser.
    for (const tab of ['brief', `notes/${noteId}`, 'exchanges']) {
      await page.goto(hubUrl(tab))
      await page.getByTestId('sync-status').first().waitFor()
      await waitConnected(page)
    }
    await allConfirmed(page)
    await net.setOffline(true)

    // 250 keystrokes in the brief in one go: one change to the person who typed them.
    await page.goto(hubUrl('brief')).catch(() => {})
    await page.getByTestId('editor').waitFor()
    await typeAtEnd(page, ' ')
    const briefWords = 'brief-offline '.repeat(18).slice(0, 249)
    await page.keyboard.type(briefWords)
    await expect.poll(() => status(page)).toMatch(/^(offline|connecting) — 1 change waiting$/)
    // Bernd edits the same documents meanwhile.
    const bernd = await e.signInAs('bernd')
    await bernd.goto(hubUrl('brief'))
    await waitConnected(bernd)
    await typeAtEnd(bernd, ' Bernd-in-brief.')

    // 240 in the note.
    await page.getByRole('link', { name: 'Notes' }).click()
    await page.getByRole('link', { name: 'Field notes' }).click()
    await page.getByTestId('editor').waitFor()
    await typeAtEnd(page, ' ')
    await page.keyboard.type('note-offline '.repeat(19).slice(0, 239))
    await expect.poll(() => status(page)).toMatch(/^(offline|connecting) — 1 change waiting$/)
    await bernd.goto(`${hubUrl('notes')}/${noteId}`)
    await waitConnected(bernd)
    await typeAtEnd(bernd, ' Bernd-in-note.')

    // 10 exchanges in the log.
    await page.getByRole('link', { name: 'Exchanges' }).click()
    for (let i = 0; i < 10; i++) {
      await page.getByRole('button', { name: 'New exchange' }).click()
      await page.getByLabel('Title', { exact: true }).fill(`Offline exchange ${i}`)
      await page.getByRole('button', { name: 'Post exchange' }).click()
      await page.getByText(`Offline exchange ${i}`).waitFor()
    }
    await expect.poll(() => status(page)).toMatch(/^(offline|connecting) — \d+ changes? waiting$/)
    const logWaiting = Number((await status(page))!.match(/(\d+) change/)![1])
    expect(logWaiting).toBeGreaterThanOrEqual(10)

    // The tab is closed offline, and opened again offline: everything is still there, still counted.
    await page.close()
    const again = await net.newPage()
    await again.goto(hubUrl('brief'))
    await again.getByTestId('editor').waitFor()
    await expect.poll(() => again.getByTestId('editor').textContent()).toContain(briefWords.trim())
    await expect.poll(() => status(again)).toMatch(/^(offline|connecting) — 1 change waiting$/)
    await again.getByRole('button', { name: 'Sign out', exact: true }).click()
    const dialog = again.getByRole('dialog', { name: 'Changes not yet sent' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(`${1 + 1 + logWaiting} changes are not yet sent`)
    await again.getByRole('button', { name: 'Wait for sync' }).click()

    // The link returns: the wait ends in the sign-out, once all of it reached the server.
    await net.setOffline(false)
    await again.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 30_000 })
    // Signed out only once the server had stored all of it (its updates, not yet the projected text).
    expect(await storedUpdatesText(briefDocName(e.hubs.hub.id))).toContain(briefWords.trim())
    expect(await storedUpdatesText(noteDocName(e.hubs.hub.id, noteId))).toContain('note-offline '.repeat(19).slice(0, 239).trim())
    // The search text is projected a second after the last change (debounced): wait for it.
    await expect.poll(() => stored(briefDocName(e.hubs.hub.id)), { timeout: 15_000 }).toContain(briefWords.trim())
    expect(await stored(briefDocName(e.hubs.hub.id))).toContain('Bernd-in-brief.')
    await expect.poll(() => stored(noteDocName(e.hubs.hub.id, noteId)), { timeout: 15_000 }).toContain('note-offline')
    expect(await stored(noteDocName(e.hubs.hub.id, noteId))).toContain('Bernd-in-note.')
    const titles = async () => (await e.server.db.db.selectFrom('items').select('title').where('hub_id', '=', e.hubs.hub.id).execute()).map((r) => r.title).sort()
    await expect.poll(titles, { timeout: 15_000 }).toEqual(Array.from({ length: 10 }, (_, i) => `Offline exchange ${i}`).sort())
    await bernd.context().close()
    await net.context.close()
  })

  it("opens offline in the account's language: its catalog (a chunk of its own) is kept by the service worker", async () => {
    const { net, page } = await start('carla')
    const saved = await page.evaluate(() =>
      fetch('/api/me/language', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ language: 'it' }) }).then((r) => r.status),
    )
    expect(saved).toBe(200)
    await page.reload()
    await page.getByRole('heading', { name: 'I miei hub' }).waitFor()
    await page.goto(hubUrl('brief'))
    await page.getByTestId('editor').waitFor()

    await net.setOffline(true)
    await page.reload()
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
    await page.getByTestId('editor').waitFor()
    await page.getByTestId('offline-bar').waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('it')
    await page.getByRole('link', { name: 'I miei hub' }).click()
    await page.getByRole('heading', { name: 'I miei hub' }).waitFor()
    expect(await page.locator('body').innerText()).not.toContain('My hubs')
    await net.setOffline(false)
    await net.context.close()
  })
})
