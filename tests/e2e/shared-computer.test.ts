import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, submitSignIn, startBrowserTest, type BrowserTestOf } from '../support/browser.js'
import { briefDocName } from '../../shared/doc-names.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Sharedland', missions: ['DE'] } },
  users: {
    anna: { hub: 'hub', mission: 'EU', name: 'Anna Alpha' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
  },
})

/** One embassy computer used by several people in turn: a browser context each test, shared by them. */
describe('a shared computer in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
  })
  afterAll(() => e?.close())

  const briefUrl = () => `${e.server.url}/hubs/${e.hubs.hub.id}/brief`
  /** What the server stored of the brief, as the projection reads it. */
  const storedBrief = async () =>
    (await e.server.db.db.selectFrom('doc_text').select('text').where('doc', '=', briefDocName(e.hubs.hub.id)).executeTakeFirst())?.text ?? ''
  const status = (page: Page) => page.getByTestId('sync-status').textContent()
  const signInForm = (page: Page) => page.getByRole('button', { name: 'Sign in' })

  /**
   * Offline for real: Chromium's offline emulation leaves open WebSockets open (edits "made
   * offline" would still reach the server), so the sync sockets go through a route that is cut too.
   */
  const networks = new WeakMap<BrowserContext, { cutSockets(cut: boolean): Promise<void> }>()
  /** Cuts the sync sockets only (pages still load): the server is unreachable for edits. */
  const cutSockets = (page: Page, cut: boolean) => networks.get(page.context())!.cutSockets(cut)
  const setOffline = async (page: Page, offline: boolean) => {
    await page.context().setOffline(offline)
    await cutSockets(page, offline)
  }
  /** A fresh browser (its own cookie jar and IndexedDB) on the sign-in page. */
  const freshBrowser = async () => {
    const context = await e.browser.newContext({ viewport: { width: 1280, height: 900 } })
    let cut = false
    const sockets = new Set<WebSocketRoute>()
    await context.routeWebSocket(/\/collab\//, (ws) => {
      if (cut) return void ws.close({ code: 1001, reason: 'offline' })
      ws.connectToServer()
      sockets.add(ws)
    })
    networks.set(context, {
      async cutSockets(value) {
        cut = value
        if (!value) return
        await Promise.all([...sockets].map((ws) => ws.close({ code: 1001, reason: 'offline' })))
        sockets.clear()
      },
    })
    const page = await context.newPage()
    await page.goto(`${e.server.url}/`)
    return page
  }
  const signInTo = async (page: Page, who: 'anna' | 'bernd') => {
    await submitSignIn(page, e.users[who].email)
    await page.getByRole('heading', { name: 'My hubs' }).or(page.getByTestId('editor')).first().waitFor()
  }
  const openBrief = async (page: Page) => {
    await page.goto(briefUrl())
    await page.getByTestId('editor').waitFor()
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('connected')
  }
  const typeInBrief = async (page: Page, text: string) => {
    await page.getByTestId('editor').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(text)
  }
  /** The IndexedDB databases of the page's origin. */
  const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))
  /** Whether any IndexedDB record of the origin holds `text` (Yjs updates keep strings as UTF-8). */
  const indexedDbHolds = (page: Page, text: string) =>
    page.evaluate(async (needle) => {
      const open = (name: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name)
          req.onsuccess = () => resolve(req.result)
          req.onerror = () => reject(req.error)
        })
      const all = (db: IDBDatabase, store: string) =>
        new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll()
          req.onsuccess = () => resolve(req.result)
          req.onerror = () => reject(req.error)
        })
      const asText = (v: unknown) =>
        v instanceof Uint8Array || v instanceof ArrayBuffer ? new TextDecoder().decode(v) : JSON.stringify(v)
      for (const { name } of await indexedDB.databases()) {
        if (!name) continue
        const db = await open(name)
        let found = false
        for (const store of [...db.objectStoreNames]) found ||= (await all(db, store)).some((v) => asText(v).includes(needle))
        // An open connection would hold back the app's deletion of this database.
        db.close()
        if (found) return true
      }
      return false
    }, text)
  const endSessionsOf = async (who: 'anna' | 'bernd') => {
    await e.server.db.db.deleteFrom('sessions').where('user_id', '=', e.users[who].id).execute()
  }

  it("never sends the previous person's unsent brief edits under the next person's name", async () => {
    const page = await freshBrowser()
    await signInTo(page, 'anna')
    await openBrief(page)
    await setOffline(page, true)
    await expect.poll(() => status(page), { timeout: 10_000 }).toContain('offline')
    await typeInBrief(page, ' Anna wrote this offline.')
    await expect.poll(() => status(page)).toMatch(/offline — [1-9]\d* changes? waiting/)
    // Anna's session ends on the server while the computer is offline; Anna walks away.
    await endSessionsOf('anna')
    await setOffline(page, false)
    await page.getByText('Your session ended').waitFor({ timeout: 15_000 })
    await submitSignIn(page, e.users.bernd.email)
    await page.getByTestId('editor').waitFor()
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('connected')
    expect(await page.getByTestId('editor').textContent()).not.toContain('Anna wrote this offline.')
    // Bernd's own edit reaching the store is the barrier: whatever this socket sent is in by then.
    await typeInBrief(page, ' Bernd was here.')
    await expect.poll(storedBrief, { timeout: 15_000 }).toContain('Bernd was here.')
    expect(await storedBrief()).not.toContain('Anna wrote this offline.')
    // Anna's copy is kept for Anna, apart from Bernd's.
    const names = await databases(page)
    expect(names).toContain(`hubwork:${e.users.anna.id}:${briefDocName(e.hubs.hub.id)}`)
    expect(names).toContain(`hubwork:${e.users.bernd.id}:${briefDocName(e.hubs.hub.id)}`)

    // When Anna signs in again on this computer, her kept edit is sent, under her name.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signInForm(page).waitFor()
    expect((await databases(page)).filter((n) => n.includes(e.users.bernd.id))).toEqual([])
    await signInTo(page, 'anna')
    await openBrief(page)
    await expect.poll(storedBrief, { timeout: 15_000 }).toContain('Anna wrote this offline.')
    await page.context().close()
  })

  it('leaves no copy of the brief in IndexedDB after sign-out', async () => {
    const page = await freshBrowser()
    await signInTo(page, 'anna')
    await openBrief(page)
    await page.getByTestId('editor').click()
    // One insertion, one update: the text lies in IndexedDB in one piece, so a search can find it.
    await page.keyboard.insertText(' Confidential line of the brief.')
    await expect.poll(storedBrief, { timeout: 15_000 }).toContain('Confidential line of the brief.')
    expect(await indexedDbHolds(page, 'Confidential line of the brief.')).toBe(true)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signInForm(page).waitFor()
    await expect.poll(async () => (await databases(page)).filter((n) => n.includes(e.users.anna.id) || n.includes('hub/'))).toEqual([])
    expect(await indexedDbHolds(page, 'Confidential line of the brief.')).toBe(false)
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('Confidential')
    await page.context().close()
  })

  it('signs out at once while offline, and the server hears of it when the network is back', async () => {
    const page = await freshBrowser()
    await signInTo(page, 'anna')
    const session = (await page.context().cookies()).find((c) => c.name === 'hubwork_session')
    expect(session).toBeDefined()
    const meWithAnnasCookie = async () => (await fetch(`${e.server.url}/api/me`, { headers: { cookie: `hubwork_session=${session!.value}` } })).status
    await setOffline(page, true)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signInForm(page).waitFor()
    expect(await page.getByRole('heading', { name: 'My hubs' }).count()).toBe(0)
    expect(await page.getByText('Your session ended').count()).toBe(0)
    // Without a service worker the app cannot load offline: the reload shows the browser's own page.
    const reloaded = await page.reload().then(() => true, () => false)
    if (reloaded) await signInForm(page).waitFor()
    expect(await page.getByRole('heading', { name: 'My hubs' }).count()).toBe(0)
    await setOffline(page, false)
    await page.goto(`${e.server.url}/`)
    await signInForm(page).waitFor()
    expect(await page.getByRole('heading', { name: 'My hubs' }).count()).toBe(0)
    await expect.poll(meWithAnnasCookie, { timeout: 10_000 }).toBe(401)
    await page.context().close()
  })

  it('warns before sign-out deletes unsent changes, and can wait for the sync', async () => {
    const page = await freshBrowser()
    await signInTo(page, 'anna')
    await openBrief(page)
    await setOffline(page, true)
    await expect.poll(() => status(page), { timeout: 10_000 }).toContain('offline')
    await typeInBrief(page, ' Sent before signing out.')
    await expect.poll(() => status(page)).toMatch(/offline — [1-9]\d* changes? waiting/)
    const signOut = page.getByRole('button', { name: 'Sign out', exact: true })
    await signOut.click()
    const dialog = page.getByRole('dialog', { name: 'Changes not yet sent' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toMatch(/[1-9]\d* changes? (is|are) not yet sent/)
    expect(await dialog.getAttribute('aria-modal')).toBe('true')
    await expectAccessible(page, 'sign-out-unsent')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign out')
    await signOut.click()
    await dialog.getByRole('button', { name: 'Wait for sync' }).click()
    const waiting = page.getByRole('dialog', { name: 'Waiting for the sync' })
    await waiting.waitFor()
    await expectAccessible(page, 'sign-out-waiting')
    expect(await page.getByTestId('editor').textContent()).toContain('Sent before signing out.')
    await setOffline(page, false)
    await expect.poll(storedBrief, { timeout: 20_000 }).toContain('Sent before signing out.')
    await signInForm(page).waitFor({ timeout: 10_000 })
    await expect.poll(async () => (await databases(page)).filter((n) => n.includes(e.users.anna.id))).toEqual([])
    await page.context().close()
  })

  it('warns of unsent changes left by a page since reloaded, and sends them before signing out', async () => {
    const page = await freshBrowser()
    await signInTo(page, 'anna')
    await openBrief(page)
    await cutSockets(page, true)
    await expect.poll(() => status(page), { timeout: 10_000 }).not.toBe('connected')
    await page.getByTestId('editor').click()
    await page.keyboard.press('Control+End')
    // One insertion, one update: the copy can be seen to hold it before the reload (a write still
    // in flight when the page unloads is the browser's to drop, not the app's).
    await page.keyboard.insertText(' Left in the copy.')
    await expect.poll(() => status(page)).toMatch(/[1-9]\d* changes? waiting/)
    await expect.poll(() => indexedDbHolds(page, 'Left in the copy.'), { timeout: 10_000 }).toBe(true)
    // A reload forgets what the page counted; the copy still holds the change.
    await page.goto(`${e.server.url}/`)
    await page.getByRole('heading', { name: 'My hubs' }).waitFor()
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Changes not yet sent' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Wait for sync' }).click()
    await page.getByRole('dialog', { name: 'Waiting for the sync' }).waitFor()
    await cutSockets(page, false)
    await expect.poll(storedBrief, { timeout: 20_000 }).toContain('Left in the copy.')
    await signInForm(page).waitFor({ timeout: 10_000 })
    await expect.poll(async () => (await databases(page)).filter((n) => n.includes(e.users.anna.id))).toEqual([])
    await page.context().close()
  })
})
