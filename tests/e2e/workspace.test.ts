import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { expectAccessible, screenshot, submitSignIn, startBrowserTest, type BrowserTestOf } from '../support/browser.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Testland', missions: ['DE', 'FR'] }, other: {} },
  users: {
    anna: { hub: 'hub', mission: 'EU', coordinator: true, name: 'Anna Alpha' },
    bernd: { hub: 'hub', mission: 'DE', name: 'Bernd Beta' },
    hq: { role: 'hq', name: 'Hanna HQ' },
    outsider: { hub: 'other', mission: 'EU', name: 'Olga Other' },
  },
})

/** Two staff of one hub, an HQ reviewer and an outsider, each in their own browser context. */
describe('hub workspace in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
  })
  afterAll(() => e?.close())

  let anna: Page
  let bernd: Page

  it('shows my hubs, then the brief; typing appears in the other browser with the cursor name', async () => {
    anna = await e.signInAs('anna')
    bernd = await e.signInAs('bernd')
    await expectAccessible(anna, 'home')
    await anna.getByRole('link', { name: /Nigeria/ }).first().click()
    await anna.getByTestId('editor').waitFor()
    await expect.poll(() => anna.getByTestId('role').textContent()).toContain('hub coordinator')
    await bernd.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    await bernd.getByTestId('editor').waitFor()
    await expect.poll(() => anna.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    await expect.poll(() => bernd.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    await anna.getByTestId('editor').click()
    await anna.keyboard.type('Hello from the EU delegation')
    await expect.poll(() => bernd.getByTestId('editor').textContent(), { timeout: 10_000 }).toContain('Hello from the EU delegation')
    await expect.poll(() => bernd.locator('body').textContent(), { timeout: 10_000 }).toContain('Anna Alpha (EU)')
    await expectAccessible(bernd, 'brief')
  })

  it('posts an exchange that appears in the other feed', async () => {
    await anna.getByRole('link', { name: 'Exchanges' }).click()
    await bernd.getByRole('link', { name: 'Exchanges' }).click()
    await anna.getByRole('button', { name: 'New exchange' }).click()
    await anna.getByLabel('Title', { exact: true }).fill('Meeting with the ministry <script>alert(1)</script>')
    await anna.getByLabel('What was shared').fill('Données, Daten, dati.')
    await anna.getByPlaceholder('Search themes…').fill('artificial')
    await anna.getByLabel('Artificial intelligence', { exact: true }).check()
    await anna.getByRole('button', { name: 'Post exchange' }).click()
    const entry = bernd.getByTestId('exchange').filter({ hasText: 'Meeting with the ministry' })
    await entry.waitFor({ timeout: 10_000 })
    expect(await entry.textContent()).toContain('<script>alert(1)</script>')
    expect(await entry.textContent()).toContain('Artificial intelligence')
    await expectAccessible(bernd, 'exchanges')
  })

  it('changes an action status in one table and the other sees it', async () => {
    await anna.getByRole('link', { name: 'Actions' }).click()
    await bernd.getByRole('link', { name: 'Actions' }).click()
    await anna.getByRole('button', { name: 'New action' }).click()
    await anna.getByLabel('Title', { exact: true }).fill('Map Team Europe projects')
    await anna.getByLabel('Due', { exact: true }).fill('2020-01-31')
    await anna.getByRole('button', { name: 'Save' }).click()
    const row = bernd.getByTestId('action-row').filter({ hasText: 'Map Team Europe projects' })
    await row.waitFor({ timeout: 10_000 })
    expect(await row.getAttribute('class')).toContain('overdue')
    await anna.getByLabel('Status of Map Team Europe projects').selectOption('in_progress')
    await expect.poll(() => row.getByRole('combobox').inputValue(), { timeout: 10_000 }).toBe('in_progress')
    await expectAccessible(bernd, 'actions')
  })

  it('creates a note, co-edits it, renames it, and the list shows who edited it last', async () => {
    // Bernd has the notes list open: Anna's new note and its new title appear there by themselves.
    await bernd.getByRole('link', { name: 'Notes' }).click()
    await bernd.locator('.note-list').waitFor()
    await anna.getByRole('link', { name: 'Notes' }).click()
    await anna.getByLabel('New note title').fill('Visit of the minister')
    await anna.getByRole('button', { name: 'Create' }).click()
    await anna.getByTestId('editor').waitFor()
    await bernd.getByRole('link', { name: 'Visit of the minister' }).waitFor({ timeout: 10_000 })
    await anna.getByRole('button', { name: 'Rename' }).click()
    await anna.getByLabel('Note title', { exact: true }).fill('Visit of the digital minister')
    await anna.getByRole('button', { name: 'Save title' }).click()
    await anna.getByRole('heading', { name: 'Visit of the digital minister' }).waitFor()
    await bernd.getByRole('link', { name: 'Visit of the digital minister' }).click()
    await bernd.getByTestId('editor').waitFor()
    await expect.poll(() => bernd.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    await bernd.getByTestId('editor').click()
    await bernd.keyboard.type('Agenda: data flows')
    await expect.poll(() => anna.getByTestId('editor').textContent(), { timeout: 10_000 }).toContain('Agenda: data flows')
    await anna.reload()
    await expect.poll(() => anna.locator('.note-list').textContent(), { timeout: 10_000 }).toContain('Bernd Beta')
    await expectAccessible(anna, 'notes')
  })

  it('keeps edits made offline and merges them on reconnect', async () => {
    await bernd.getByRole('link', { name: 'Brief' }).click()
    await bernd.getByTestId('editor').waitFor()
    await expect.poll(() => bernd.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    await bernd.context().setOffline(true)
    await expect.poll(() => bernd.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toContain('offline')
    await bernd.getByTestId('editor').click()
    await bernd.keyboard.press('End')
    await bernd.keyboard.type(' Offline addition from Berlin.')
    await expect.poll(() => bernd.getByTestId('sync-status').textContent()).toMatch(/offline — [1-9]\d* changes? waiting/)
    await screenshot(bernd, 'offline')
    await bernd.getByRole('link', { name: 'Exchanges' }).click()
    await bernd.getByTestId('exchange').first().waitFor()
    await bernd.getByRole('button', { name: 'New exchange' }).click()
    await bernd.getByLabel('Title', { exact: true }).fill('Posted while offline')
    await bernd.getByRole('button', { name: 'Post exchange' }).click()
    await bernd.getByTestId('exchange').filter({ hasText: 'Posted while offline' }).waitFor()
    await bernd.context().setOffline(false)
    await anna.getByRole('link', { name: 'Brief' }).click()
    await expect.poll(() => anna.getByTestId('editor').textContent(), { timeout: 20_000 }).toContain('Offline addition from Berlin.')
    await expect.poll(() => anna.getByTestId('editor').textContent()).toContain('Hello from the EU delegation')
    await anna.getByRole('link', { name: 'Exchanges' }).click()
    await anna.getByTestId('exchange').filter({ hasText: 'Posted while offline' }).waitFor({ timeout: 20_000 })
    expect(await anna.getByTestId('exchange').filter({ hasText: 'Meeting with the ministry' }).count()).toBe(1)
  })

  it('keeps edits made while the session expired and syncs them after signing in again', async () => {
    await bernd.getByRole('link', { name: 'Brief' }).click()
    await expect.poll(() => bernd.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
    await bernd.context().setOffline(true)
    await expect.poll(() => bernd.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toContain('offline')
    await bernd.getByTestId('editor').click()
    await bernd.keyboard.press('End')
    await bernd.keyboard.type(' Written as the session ran out.')
    // The session ends on the server (idle expiry removes it) while the laptop is offline.
    const bernhard = await e.server.db.db.selectFrom('users').select('id').where('email', '=', e.users.bernd.email).executeTakeFirstOrThrow()
    await e.server.db.db.deleteFrom('sessions').where('user_id', '=', bernhard.id).execute()
    await bernd.context().setOffline(false)
    await bernd.getByText('Your session ended').waitFor({ timeout: 15_000 })
    await submitSignIn(bernd, e.users.bernd.email)
    await bernd.getByTestId('editor').waitFor()
    await anna.getByRole('link', { name: 'Brief' }).click()
    await expect.poll(() => anna.getByTestId('editor').textContent(), { timeout: 20_000 }).toContain('Written as the session ran out.')
  })

  it('posts an exchange with the keyboard alone, focus always visible', async () => {
    await anna.getByRole('link', { name: 'Exchanges' }).click()
    await anna.getByRole('button', { name: 'New exchange' }).waitFor()
    /** Tabs until the focused element matches; checks the focus ring on the way. */
    const tabTo = async (matches: (el: { tag: string; text: string; label: string }) => boolean) => {
      for (let i = 0; i < 60; i++) {
        await anna.keyboard.press('Tab')
        const el = await anna.evaluate(() => {
          const a = document.activeElement as HTMLElement
          return { tag: a.tagName, text: a.textContent ?? '', label: a.closest('label')?.textContent ?? '', outline: getComputedStyle(a).outlineStyle }
        })
        expect(el.outline, `focus ring on ${el.tag} ${el.text || el.label}`).not.toBe('none')
        if (matches(el)) return
      }
      throw new Error('not reachable by Tab')
    }
    await anna.locator('body').click({ position: { x: 1, y: 1 } })
    await tabTo((el) => el.tag === 'BUTTON' && el.text === 'New exchange')
    await anna.keyboard.press('Enter')
    await tabTo((el) => el.tag === 'INPUT' && el.label.startsWith('Title'))
    await anna.keyboard.type('Typed without a mouse')
    await tabTo((el) => el.tag === 'BUTTON' && el.text === 'Post exchange')
    await anna.keyboard.press('Enter')
    await bernd.getByRole('link', { name: 'Exchanges' }).click()
    await bernd.getByTestId('exchange').filter({ hasText: 'Typed without a mouse' }).waitFor({ timeout: 10_000 })
  })

  it('lets the coordinator name the focal point and record the training; staff only read it', async () => {
    const page = await e.signInAs('anna')
    await page.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/members`)
    await page.getByRole('button', { name: 'Make focal point: Bernd Beta' }).click()
    await page.getByRole('dialog', { name: 'Make focal point: Bernd Beta' }).getByRole('button', { name: 'Make focal point' }).click()
    await expect.poll(() => page.getByTestId('focal-point').textContent()).toBe('Bernd Beta')
    const status = page.getByTestId('focal-training-status')
    await status.getByText('Not yet trained').waitFor()
    const training = page.getByRole('form', { name: 'Focal point training' })
    await training.getByLabel('Day of the training').fill('2026-03-02')
    await training.getByRole('button', { name: 'Record as trained' }).click()
    await status.getByText('Trained on 2 Mar 2026').waitFor()
    await expectAccessible(page, 'members-focal-training')
    await page.close()
    const staff = await e.signInAs('bernd')
    await staff.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/members`)
    await staff.getByTestId('focal-training-status').getByText('Trained on 2 Mar 2026').waitFor()
    expect(await staff.getByRole('form', { name: 'Focal point training' }).count()).toBe(0)
    await staff.close()
  })

  it('shows HQ the content, live and read-only', async () => {
    const hq = await e.signInAs('hq')
    await hq.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    await hq.getByTestId('editor').waitFor()
    await expect.poll(() => hq.getByTestId('editor').textContent(), { timeout: 10_000 }).toContain('Hello from the EU delegation')
    expect(await hq.getByTestId('editor').getAttribute('contenteditable')).toBe('false')
    expect(await hq.getByTestId('role').textContent()).toBe('read-only: HQ reviewer')
    await hq.getByRole('link', { name: 'Exchanges' }).click()
    await hq.getByTestId('exchange').first().waitFor()
    expect(await hq.getByRole('button', { name: 'New exchange' }).count()).toBe(0)
    await expectAccessible(hq, 'hq-exchanges')
  })

  it('opens the brief by its address over a socket started before the editor, its content shown once, reload after reload', async () => {
    const page = await bernd.context().newPage()
    // When the sync socket was made, and when the editor first appeared, in ms since navigation.
    await page.addInitScript(() => {
      const w = window as unknown as { __socketAt?: number; __editorAt?: number }
      const Native = window.WebSocket
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols)
          if (String(url).includes('/collab/') && w.__socketAt === undefined) w.__socketAt = performance.now()
        }
      }
      new MutationObserver(() => {
        if (w.__editorAt === undefined && document.querySelector('[data-testid="editor"]')) w.__editorAt = performance.now()
      }).observe(document, { subtree: true, childList: true })
    })
    const occurrences = async (text: string) => ((await page.getByTestId('editor').textContent()) ?? '').split(text).length - 1
    for (let visit = 0; visit < 3; visit++) {
      if (visit === 0) await page.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
      else await page.reload()
      await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connected')
      await expect.poll(() => occurrences('Hello from the EU delegation'), { timeout: 10_000 }).toBe(1)
      expect(await occurrences('Offline addition from Berlin.')).toBe(1)
      const at = await page.evaluate(() => {
        const w = window as unknown as { __socketAt?: number; __editorAt?: number }
        return { socket: w.__socketAt ?? null, editor: w.__editorAt ?? null }
      })
      expect(at.socket).not.toBeNull()
      expect(at.socket!).toBeLessThan(at.editor!)
    }
    await page.getByTestId('editor').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Typed after an early open.')
    await anna.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    await expect.poll(() => anna.getByTestId('editor').textContent(), { timeout: 10_000 }).toContain('Typed after an early open.')
    await page.close()
  })

  it('gives staff of another hub no access, even by URL', async () => {
    const outsider = await e.signInAs('outsider')
    await outsider.goto(`${e.server.url}/hubs/${e.hubs.hub.id}/brief`)
    await outsider.getByRole('heading', { name: 'No access to this hub' }).waitFor()
    expect(await outsider.locator('body').textContent()).not.toContain('Hello from the EU delegation')
    await expectAccessible(outsider, 'no-access')
  })
})
