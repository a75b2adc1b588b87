import { expect } from 'vitest'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { TEST_PASSWORD } from './factories.js'
import { createCast, type Cast, type CastSpec } from './cast.js'
import { startBrowserTestServer, type TestServer } from './test-server.js'
import type { CollabOptions } from '../../server/collab/collab-server.js'
import { findChromium } from './chromium.js'

/** Where screenshots go (gitignored; CI keeps them as artifacts). */
export const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'artifacts')

/** Headless Chromium: CHROMIUM_PATH, else a system Chromium (/usr/bin/chromium, …), else Playwright's own. */
export async function launchBrowser(): Promise<Browser> {
  const found = findChromium()
  if ('error' in found) throw new Error(found.error)
  return chromium.launch({
    executablePath: found.path,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** Fills the sign-in form shown on `page` and submits it; the caller waits for what should follow. */
export async function submitSignIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/**
 * Signs in through the form, as a person would, in a browser context of its own (its own cookie
 * jar); resolves on the page the person lands on: "My hubs", or the cross-cutting board for a
 * cyber ambassador. `page.context().close()` ends it.
 */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  password = TEST_PASSWORD,
  context: BrowserContextOptions = {},
): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, ...context })).newPage()
  await page.goto(`${baseUrl}/`)
  await submitSignIn(page, email, password)
  await page.getByRole('heading', { name: /^(My hubs|Cross-cutting items)$/ }).waitFor()
  return page
}

/** Saves a full-page screenshot under tests/artifacts/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

const axeSource = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: number }[]> {
  // Evaluated by the debugger, not added as an inline <script>: the page's CSP refuses inline scripts.
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string; impact: string; help: string; nodes: unknown[] }) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }))
  })
}

/** Screenshots the page under `name` and expects no serious or critical accessibility violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name)
  expect(await axeViolations(page), name).toEqual([])
}

/** A server for the browser, its cast, and Chromium. */
export interface BrowserTest<H extends string, U extends string> {
  server: TestServer
  browser: Browser
  hubs: Cast<H, U>['hubs']
  users: Cast<H, U>['users']
  /** Signs a user of the cast in through the form, in a fresh browser context. */
  signInAs(who: U): Promise<Page>
  /** Closes the browser (and with it every context) and the server. */
  close(): Promise<void>
}
export type BrowserTestOf<S> = S extends CastSpec<infer H, infer U> ? BrowserTest<H, U> : never

/** Starts the server, creates the cast, launches Chromium; closes what it started if a step fails. */
export async function startBrowserTest<H extends string, U extends string>(
  spec: CastSpec<H, U>,
  env: Record<string, string> = {},
  collab: Partial<CollabOptions> = {},
): Promise<BrowserTest<H, U>> {
  const server = await startBrowserTestServer(env, collab)
  try {
    const { hubs, users } = await createCast(server.db.db, spec)
    const browser = await launchBrowser()
    return {
      server,
      browser,
      hubs,
      users,
      signInAs: (who) => signIn(browser, server.url, users[who].email),
      async close() {
        await browser.close()
        await server.close()
      },
    }
  } catch (err) {
    await server.close()
    throw err
  }
}
