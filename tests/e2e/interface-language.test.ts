import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defineCast } from '../support/cast.js'
import { axeViolations, screenshot, startBrowserTest, type BrowserTestOf } from '../support/browser.js'
import { TEST_PASSWORD } from '../support/factories.js'

const CAST = defineCast({
  hubs: { hub: { name: 'Hub Testland', missions: ['DE', 'FR'] } },
  users: {
    chloe: { hub: 'hub', mission: 'FR', coordinator: true, name: 'Chloé Coordinatrice' },
    marco: { hub: 'hub', mission: 'DE', name: 'Marco Membro' },
  },
})

/** Words of the English interface that a French or Italian page must not show. */
const ENGLISH = ['My hubs', 'Dashboard', 'Sign out', 'Inbox', 'Cross-cutting', 'Reporting period', 'History', 'Skip to content', 'Download CSV', 'Loading…', 'Digital hubs dashboard', 'Activity by theme and hub', 'My account']

async function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText()
}

async function expectNoEnglish(page: Page, name: string): Promise<void> {
  const text = await visibleText(page)
  expect(ENGLISH.filter((w) => text.includes(w)), name).toEqual([])
}

async function expectAccessibleAs(page: Page, name: string): Promise<void> {
  await screenshot(page, name)
  expect(await axeViolations(page), name).toEqual([])
}

/**
 * The interface in the person's language: a French browser gets French from the sign-in page on
 * (sign-in → hub brief → dashboard), the account's choice (Italiano) applies at once and stays,
 * and a language picked on the sign-in page becomes the account's. Record content is untouched.
 */
describe('interface languages in Chromium', () => {
  let e: BrowserTestOf<typeof CAST>
  beforeAll(async () => {
    e = await startBrowserTest(CAST)
  })
  afterAll(() => e?.close())

  it('a French browser: sign-in, hub brief and dashboard in French; then Italiano from the account, without reload', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    const page = await context.newPage()
    await page.goto(`${e.server.url}/`)
    await page.getByRole('button', { name: 'Se connecter' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    expect(await visibleText(page)).toContain("L'espace de travail partagé des hubs numériques de l'UE.")
    await expectAccessibleAs(page, 'fr-sign-in')
    await page.getByLabel('Adresse électronique').fill(e.users.chloe.email)
    await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()

    await page.getByRole('heading', { name: 'Mes hubs' }).waitFor()
    await expectNoEnglish(page, 'fr-home')
    await page.getByRole('link', { name: /Nigeria/ }).first().click()
    await page.getByTestId('editor').waitFor()
    await expect.poll(() => page.getByTestId('role').textContent()).toContain('coordinateur du hub')
    await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 10_000 }).toBe('connecté')
    const nav = page.getByRole('navigation', { name: 'Sections du hub' })
    expect(await nav.getByRole('link', { name: 'Note de synthèse' }).getAttribute('aria-current')).toBe('page')
    await page.getByRole('button', { name: 'B Gras' }).waitFor()
    // What the person types is theirs: never translated.
    await page.getByTestId('editor').click()
    await page.keyboard.type('Hello from the EU delegation')
    await expect.poll(() => page.getByTestId('editor').textContent()).toContain('Hello from the EU delegation')
    await expectNoEnglish(page, 'fr-brief')
    await expectAccessibleAs(page, 'fr-brief')

    await page.getByRole('link', { name: 'Tableau de bord', exact: true }).click()
    await page.getByRole('heading', { name: 'Tableau de bord des hubs numériques' }).waitFor()
    await page.getByRole('heading', { name: 'Activité par thème et par hub' }).waitFor({ timeout: 15_000 })
    await page.getByRole('button', { name: 'Télécharger le CSV' }).first().waitFor()
    await expectNoEnglish(page, 'fr-dashboard')
    await expectAccessibleAs(page, 'fr-dashboard')

    // The reference pages: headings, column names and the partnership types in French.
    await page.getByRole('link', { name: 'Partenariats et projets', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Partenariats et projets' }).waitFor()
    const partnerships = page.getByTestId('partnerships')
    await partnerships.getByRole('columnheader', { name: 'Partenariat ou dialogue' }).waitFor({ timeout: 10_000 })
    expect(await partnerships.textContent()).toContain('Partenariat numérique')
    const referencesText = await visibleText(page)
    expect(['Partnerships and dialogues', 'Global Gateway projects', 'Digital partnership', 'Regional agenda', 'Team Europe contributors'].filter((w) => referencesText.includes(w))).toEqual([])
    await expectNoEnglish(page, 'fr-references')

    // The account: Italiano, saved and applied at once (the page is not reloaded: the editor's state would go).
    await page.getByRole('link', { name: 'Chloé Coordinatrice' }).click()
    await page.getByRole('heading', { name: 'Mon compte' }).waitFor()
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))
    await page.getByRole('combobox', { name: /^Langue/ }).selectOption('it')
    await page.getByRole('heading', { name: 'Il mio account' }).waitFor()
    await page.getByText('Lingua salvata.').waitFor()
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
    expect(await page.locator('html').getAttribute('lang')).toBe('it')
    await page.getByRole('link', { name: 'Cruscotto' }).waitFor()
    await expectNoEnglish(page, 'it-account')
    await expectAccessibleAs(page, 'it-account')
    // Saved in the account: a new page (and another device) opens in Italian, whatever the browser says.
    await page.reload()
    await page.getByRole('heading', { name: 'Il mio account' }).waitFor()
    await page.getByRole('link', { name: 'Cruscotto' }).click()
    await page.getByRole('heading', { name: 'Cruscotto dei hub digitali' }).waitFor()
    await expectNoEnglish(page, 'it-dashboard')
    // "Browser's language" again: French, as the browser asks.
    await page.getByRole('link', { name: 'Chloé Coordinatrice' }).click()
    await page.getByRole('combobox', { name: /^Lingua/ }).selectOption('')
    await page.getByRole('heading', { name: 'Mon compte' }).waitFor()
    await context.close()
  })

  it('an English browser: the sign-in page offers the languages; the one picked there becomes the account’s', async () => {
    const context = await e.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto(`${e.server.url}/`)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page.getByLabel('Language').selectOption('fr')
    await page.getByRole('button', { name: 'Se connecter' }).waitFor()
    // Kept on this browser until someone signs in.
    await page.reload()
    await page.getByRole('button', { name: 'Se connecter' }).waitFor()
    await page.getByLabel('Adresse électronique').fill(e.users.marco.email)
    await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { name: 'Mes hubs' }).waitFor()
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json() as Promise<{ language: string | null }>))
    expect(me.language).toBe('fr')
    expect(await page.evaluate(() => localStorage.getItem('hubwork.language'))).toBeNull()
    await context.close()
  })
})
