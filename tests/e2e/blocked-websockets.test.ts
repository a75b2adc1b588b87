import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { signIn, startBrowserTest, type BrowserTestOf } from '../support/browser.js'
import { startNoUpgradeProxy } from '../support/no-upgrade-proxy.js'
import { briefDocName } from '../../shared/doc-names.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Proxyland', missions: ['FR'] } },
  users: {
    anna: { hub: 'hub', mission: 'EU', name: 'Anna Alpha' },
    claire: { hub: 'hub', mission: 'FR', name: 'Claire Gamma' },
  },
})

/** Two people behind a proxy that refuses WebSockets: the app carries on over plain HTTP. */
describe('behind a proxy that refuses WebSockets, in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  let proxy: Awaited<ReturnType<typeof startNoUpgradeProxy>>
  beforeAll(async () => {
    proxy = await startNoUpgradeProxy()
    // The browser only ever sees the proxy: it is the app's public origin.
    e = await startBrowserTest(CAST, { PUBLIC_ORIGIN: proxy.url })
    proxy.setTarget(e.server.url)
  })
  afterAll(async () => {
    await e?.close()
    await proxy?.close()
  })

  const status = (page: Page) => page.getByTestId('sync-status').first().textContent()
  const editorText = (page: Page) => page.getByTestId('editor').textContent()
  const stored = async () =>
    (await e.server.db.db.selectFrom('doc_text').select('text').where('doc', '=', briefDocName(e.hubs.hub.id)).executeTakeFirst())?.text ?? ''

  it('falls back to HTTP by itself, says so, and two people co-edit the brief with nothing lost', async () => {
    const [anna, claire] = await Promise.all([signIn(e.browser, proxy.url, e.users.anna.email), signIn(e.browser, proxy.url, e.users.claire.email)])
    for (const page of [anna, claire]) {
      await page.goto(`${proxy.url}/hubs/${e.hubs.hub.id}/brief`)
      await page.getByTestId('editor').waitFor()
    }
    for (const page of [anna, claire]) await expect.poll(() => status(page), { timeout: 20_000 }).toBe('connected · over HTTP (WebSockets blocked)')
    expect(proxy.upgradesRefused()).toBeGreaterThanOrEqual(2)

    await anna.getByTestId('editor').click()
    await anna.keyboard.press('Control+End')
    await anna.keyboard.type(' Anna through the proxy.')
    await claire.getByTestId('editor').click()
    await claire.keyboard.press('Control+End')
    await claire.keyboard.type(' Claire through the proxy.')
    for (const page of [anna, claire]) {
      await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('Anna through the proxy.')
      await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('Claire through the proxy.')
    }
    // What the server stored (its projection follows the commits).
    await expect.poll(stored, { timeout: 15_000 }).toContain('Anna through the proxy.')
    await expect.poll(stored, { timeout: 15_000 }).toContain('Claire through the proxy.')
    expect(await editorText(anna)).toBe(await editorText(claire))
    await anna.context().close()
    await claire.context().close()
  })
})
