import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, startBrowserTest, type BrowserTestOf } from '../support/browser.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Testland' }, other: { name: 'Hub Elsewhere' } },
  users: {
    anna: { hub: 'hub', mission: 'EU', coordinator: true, name: 'Anna Alpha' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
    olga: { hub: 'other', mission: 'EU', name: 'Olga Other' },
  },
})

/** The header search in Chromium: live, within access, keyboard-driven, safe with hostile text. */
describe('search in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  let anna: Page
  let bernd: Page
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
    const { hub, other } = e.hubs
    // What the other hub keeps, and a hostile title in this hub's log: both hold the word searched.
    await e.server.db.db.insertInto('doc_text').values({ doc: `hub/${other.id}/brief`, hub_id: other.id, kind: 'brief', title: 'Elsewhere', text: 'Zephyrine resiliência of another hub', scope: 'hq' }).execute()
    const row = { themes: [], top_themes: [], forums: [], missions: [], participants: [], related_hubs: [], linked_items: [], issues: [], cross_cutting: false, scope: 'hq' as const }
    await e.server.db.db.insertInto('items').values([
      { ...row, id: `${hub.id}:exchange:x1`, hub_id: hub.id, kind: 'exchange', entry_id: 'x1', title: '<img src=x onerror="window.pwned=1"> Zephyrine call', body: 'Zephyrine <b>bold</b> talk', created_at: new Date() },
      { ...row, id: `${other.id}:exchange:x2`, hub_id: other.id, kind: 'exchange', entry_id: 'x2', title: 'Zephyrine elsewhere', body: 'hub-only', created_at: new Date(), scope: 'hub' },
    ]).execute()
  })
  afterAll(() => e?.close())

  const search = async (page: Page, q: string) => {
    const box = page.getByRole('combobox', { name: /Search briefs/ })
    await box.fill('')
    await box.fill(q)
    await page.getByTestId('search-status').filter({ hasNotText: 'Searching' }).waitFor({ timeout: 10_000 })
    return page.getByTestId('search-hit').allTextContents()
  }

  it('finds, within 2 s, a word typed into the brief in another browser, and nothing of a hub the reader may not read', async () => {
    anna = await e.signInAs('anna')
    bernd = await e.signInAs('bernd')
    await anna.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    await anna.getByTestId('editor').waitFor()
    await expect.poll(() => anna.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    await anna.getByTestId('editor').click()
    await anna.keyboard.type('Zephyrine resiliência')
    const typed = Date.now()
    // The reader types without the accent; the word is found as soon as the brief is indexed.
    await expect.poll(async () => (await search(bernd, 'zephyrine resiliencia')).join(' '), { timeout: 2_000, interval: 100 }).toContain('Brief')
    const elapsed = Date.now() - typed
    console.log(`search found the typed word ${elapsed} ms after typing`)
    const hits = bernd.getByTestId('search-hit')
    expect(await bernd.getByTestId('search-results').textContent()).toContain('resiliência')
    // Only this hub's group: the other hub's brief and hub-only entry hold the word too.
    const urls = await hits.evaluateAll((els) => els.map((el) => el.getAttribute('data-url')))
    expect(urls.length).toBeGreaterThan(0)
    expect(urls.every((u) => u!.startsWith(`/hubs/${e.hubs.hub.id}/`))).toBe(true)
    expect(await bernd.getByTestId('search-results').textContent()).not.toContain('another hub')
    // The matched word is marked, the hostile title stays text.
    expect((await search(bernd, 'zephyrine')).length).toBe(2)
    expect(await bernd.locator('[data-testid=search-hit] mark').first().textContent()).toMatch(/zephyrine|resiliência/i)
    expect(await bernd.locator('[data-testid=search-panel] img').count()).toBe(0)
    expect(await bernd.getByTestId('search-panel').textContent()).toContain('<img src=x')
    expect(await bernd.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
    await expectAccessible(bernd, 'search-results')
  })

  it('groups by hub, filters, and opens a hit with the keyboard at its place', async () => {
    // Olga sees her own hub's hits, never this one's.
    const olga = await e.signInAs('olga')
    const theirs = await search(olga, 'zephyrine')
    expect(theirs.join(' ')).toContain('Zephyrine elsewhere')
    expect(theirs.join(' ')).not.toContain('call')
    expect(await olga.locator('.search-group-title').allTextContents()).toEqual([expect.stringContaining('Hub Elsewhere')])
    await olga.context().close()

    await bernd.goto(`${e.server.url}/`)
    await bernd.getByRole('heading', { name: 'My hubs' }).waitFor()
    // `/` focuses the search from anywhere but a field.
    await bernd.locator('body').press('/')
    await expect.poll(() => bernd.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox')
    await bernd.keyboard.type('zephyrine')
    await expect.poll(() => bernd.getByTestId('search-hit').count()).toBe(2)
    await bernd.getByLabel('Kind').selectOption('exchange')
    await expect.poll(() => bernd.getByTestId('search-hit').count()).toBe(1)
    await bernd.getByRole('combobox', { name: /Search briefs/ }).focus()
    await bernd.keyboard.press('ArrowDown')
    expect(await bernd.getByTestId('search-hit').first().getAttribute('aria-selected')).toBe('true')
    await bernd.keyboard.press('Enter')
    // The hit opens the entry's own URL (the entry itself is shown, scrolled to and marked: see below).
    await expect.poll(() => new URL(bernd.url()).pathname).toBe(`/hubs/${e.hubs.hub.id}/exchanges`)
    expect(new URL(bernd.url()).searchParams.get('item')).toBe('x1')
    // The field keeps the focus and the words: an arrow opens the results again; Escape closes them.
    await bernd.keyboard.press('ArrowDown')
    await bernd.getByTestId('search-panel').waitFor()
    await bernd.keyboard.press('Escape')
    await expect.poll(() => bernd.getByTestId('search-panel').count()).toBe(0)
  })

  it('opens an exchange hit on the exchange itself, and a brief hit at the matched passage', async () => {
    // Entries posted after the one searched for, so that it is not at the top of the tab.
    await anna.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/exchanges`)
    for (const title of ['Quillfeather landing rules', 'Data centre permits', 'Cloud procurement', 'AI sandbox call', 'Spectrum auction', 'Roaming talks']) {
      await anna.getByRole('button', { name: 'New exchange' }).click()
      await anna.getByLabel('Title', { exact: true }).fill(title)
      await anna.getByRole('button', { name: 'Post exchange' }).click()
      await anna.getByTestId('exchange').filter({ hasText: title }).waitFor()
    }
    // A brief long enough that the passage is below the fold.
    await anna.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    const editor = anna.getByTestId('editor')
    await editor.waitFor()
    await expect.poll(() => anna.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    await editor.click()
    await anna.keyboard.press('Control+End')
    for (let i = 0; i < 40; i++) {
      await anna.keyboard.insertText(`Filler paragraph ${i} about the hub's regular work.`)
      await anna.keyboard.press('Enter')
    }
    await anna.keyboard.insertText('The Marigoldrun passage on submarine cables.')

    const box = bernd.getByRole('combobox', { name: /Search briefs/ })
    const view = bernd.viewportSize()!
    const onScreen = (b: { y: number; height: number } | null) => !!b && b.y >= 0 && b.y + Math.min(b.height, 20) <= view.height

    // An exchange: Enter on the highlighted hit opens the exchange, its card in view and marked.
    await bernd.goto(`${e.server.url}/`)
    await bernd.getByRole('heading', { name: 'My hubs' }).waitFor()
    await expect.poll(async () => (await search(bernd, 'quillfeather')).join(' '), { timeout: 10_000, interval: 200 }).toContain('Quillfeather landing rules')
    await box.focus()
    await bernd.keyboard.press('ArrowDown')
    await bernd.keyboard.press('Enter')
    await expect.poll(() => new URL(bernd.url()).pathname).toBe(`/hubs/${e.hubs.hub.id}/exchanges`)
    const target = bernd.locator('[data-testid="exchange"].target')
    await target.waitFor({ timeout: 15_000 })
    expect(await target.locator('h3').textContent()).toBe('Quillfeather landing rules')
    await expect.poll(async () => onScreen(await target.boundingBox()), { timeout: 5_000 }).toBe(true)
    expect(await bernd.getByTestId('exchange').first().locator('h3').textContent()).not.toBe('Quillfeather landing rules')

    // The brief: the hit opens it scrolled to the passage, the matched word marked.
    await expect.poll(async () => (await search(bernd, 'marigoldrun')).join(' '), { timeout: 10_000, interval: 200 }).toContain('Brief')
    await box.focus()
    await bernd.keyboard.press('ArrowDown')
    await bernd.keyboard.press('Enter')
    await expect.poll(() => new URL(bernd.url()).pathname).toBe(`/hubs/${e.hubs.hub.id}/brief`)
    const marked = () =>
      bernd.evaluate(() => {
        const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('search-find')
        const r = h && [...h][0]
        if (!r) return null
        const b = r.getBoundingClientRect()
        return { text: r.toString(), y: b.y, height: b.height }
      })
    await expect.poll(async () => (await marked())?.text, { timeout: 15_000 }).toBe('Marigoldrun')
    await expect.poll(async () => onScreen(await marked()), { timeout: 5_000 }).toBe(true)
    expect(await bernd.evaluate(() => window.scrollY), 'the page scrolled down to the passage').toBeGreaterThan(0)
    await expectAccessible(bernd, 'brief-at-passage')
  })
})
