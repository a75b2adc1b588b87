import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startBrowserTestServer, type TestServer } from '../support/test-server.js'
import { createHub, createUser } from '../support/factories.js'
import { expectAccessible, launchBrowser, signIn, submitSignIn } from '../support/browser.js'

/** An admin invites someone, who sets a password through the link and signs in; then is disabled. */
describe('administration in Chromium', () => {
  let t: TestServer
  let browser: Browser
  let adminEmail = ''

  beforeAll(async () => {
    t = await startBrowserTestServer()
    adminEmail = (await createUser(t.db.db, { role: 'admin', name: 'Ada Admin' })).email
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('invite → one-time link → set password → sign in; account page; disable; audit trail', async () => {
    const admin = await signIn(browser, t.url, adminEmail)
    await admin.getByRole('link', { name: 'Admin', exact: true }).click()
    await admin.getByRole('heading', { name: 'Administration' }).waitFor()
    // /admin lands on the users section.
    await admin.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Users', exact: true }).and(admin.locator('[aria-current="page"]')).waitFor()
    const invite = admin.getByRole('form', { name: 'Invite a user' })
    await invite.getByLabel('E-mail').fill('ines.invitee@test.example')
    await invite.getByLabel('Name').fill('Ines Invitee')
    await invite.getByRole('button', { name: 'Invite' }).click()
    const link = await admin.getByLabel('One-time set-password link').inputValue()
    expect(link).toContain('/set-password?token=')
    await expectAccessible(admin, 'admin')

    const ines = await (await browser.newContext()).newPage()
    await ines.goto(link)
    await ines.getByLabel(/New password/).fill('ines chose this one')
    await ines.getByRole('button', { name: 'Set password' }).click()
    await ines.getByText('Your password is set.').waitFor()
    await ines.getByRole('link', { name: 'Sign in' }).click()
    await submitSignIn(ines, 'ines.invitee@test.example', 'ines chose this one')
    await ines.getByRole('heading', { name: 'My hubs' }).waitFor()
    await ines.getByRole('link', { name: 'Ines Invitee' }).click()
    await ines.getByTestId('sessions').getByText('This browser').waitFor()
    await expectAccessible(ines, 'account')

    await admin.getByRole('button', { name: 'Disable Ines Invitee' }).click()
    // Disabling asks first, in a dialog: nothing happened yet.
    const asking = admin.getByRole('dialog', { name: 'Disable Ines Invitee' })
    await asking.getByText('Ines Invitee is signed out everywhere and cannot sign in until enabled again.').waitFor()
    await expectAccessible(admin, 'admin-confirm-disable')
    await asking.getByRole('button', { name: 'Disable', exact: true }).click()
    await admin.getByText('Ines Invitee disabled: signed out everywhere.').waitFor()
    await ines.reload()
    await ines.getByRole('button', { name: 'Sign in' }).waitFor()
    await admin.getByRole('link', { name: 'Audit trail' }).click()
    await admin.getByTestId('audit').getByText('User disabled').waitFor()
    expect(await admin.getByTestId('audit').textContent()).toContain('Password set through a link')
  })

  it('sections by URL; users filtered and paged; a mission added to a hub chosen by name; audit by action label with named targets; a role change asks first', async () => {
    const hub = await createHub(t.db.db, { name: 'Hub Zanzibar', country: 'TZ', missions: ['DE'] })
    await createUser(t.db.db, { name: 'Zoe Member', hubId: hub.id, mission: 'DE' })
    for (let i = 0; i < 24; i++) await createUser(t.db.db, { name: `Filler ${String(i).padStart(2, '0')}` })
    const victim = await createUser(t.db.db, { name: 'Rolf Rolechange' })
    const admin = await signIn(browser, t.url, adminEmail)

    // Each section has its URL; the nav marks where one is.
    for (const [path, link] of [['/admin/hubs', 'Hubs and missions'], ['/admin/periods', 'Reporting periods'], ['/admin/references', 'Global Gateway projects'], ['/admin/audit', 'Audit trail'], ['/admin/users', 'Users']]) {
      await admin.goto(`${t.url}${path}`)
      await admin.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: link, exact: true }).and(admin.locator('[aria-current="page"]')).waitFor()
      await expectAccessible(admin, `admin-section-${path.split('/').pop()}`)
    }

    // Users: paged (20 a page), filtered by text and by hub, the filter kept in the URL.
    const count = admin.getByTestId('users-count')
    await expect.poll(() => admin.getByTestId('user-row').count()).toBe(20)
    await admin.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => admin.getByTestId('user-row').count()).toBeGreaterThan(0)
    await admin.getByLabel('Search users').fill('filler 1')
    await expect.poll(() => admin.getByTestId('user-row').count()).toBe(10)
    expect(await count.textContent()).toContain('of 10 users')
    expect(admin.url()).toContain('q=filler+1')
    await admin.getByLabel('Search users').fill('')
    const hubFilter = admin.getByRole('combobox', { name: 'Hub', exact: true })
    await hubFilter.fill('zanz')
    await admin.getByRole('option', { name: /Hub Zanzibar/ }).click()
    await expect.poll(() => admin.getByTestId('user-row').allTextContents()).toEqual([expect.stringContaining('Zoe Member')])

    // Hubs: a mission is added to a hub picked by its name, and a Member State picked by its name.
    await admin.getByRole('link', { name: 'Hubs and missions' }).click()
    const form = admin.getByRole('form', { name: 'Add a mission' })
    await form.getByRole('combobox', { name: 'Hub', exact: true }).fill('Zanzi')
    await form.getByRole('combobox', { name: 'Hub', exact: true }).press('ArrowDown')
    await form.getByRole('combobox', { name: 'Hub', exact: true }).press('Enter')
    await form.getByRole('combobox', { name: 'EU delegation or Member State' }).fill('fran')
    await admin.getByRole('option', { name: /France/ }).click()
    expect(await form.getByLabel('Name of the mission').inputValue()).toBe('Embassy of France in Nigeria')
    await form.getByRole('button', { name: 'Add mission' }).click()
    await admin.getByText('Mission added to Hub Zanzibar.').waitFor()
    await admin.getByTestId('admin-hubs').getByRole('row').filter({ hasText: 'Hub Zanzibar' }).getByText('EU, DE, FR').waitFor()

    // A role change asks first; Cancel (and Escape) leave the role as it was.
    await admin.getByRole('link', { name: 'Users', exact: true }).click()
    await admin.getByLabel('Search users').fill('Rolf')
    const role = admin.getByRole('combobox', { name: 'Role of Rolf Rolechange' })
    await role.selectOption('hq')
    const dialog = admin.getByRole('dialog', { name: 'Change the role of Rolf Rolechange?' })
    await dialog.getByText('Rolf Rolechange goes from Hub staff to HQ reviewer', { exact: false }).waitFor()
    await expectAccessible(admin, 'admin-confirm-role')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await role.inputValue()).toBe('staff')
    await role.selectOption('cyber')
    await dialog.waitFor()
    await admin.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await role.inputValue()).toBe('staff')
    const stored = await t.db.db.selectFrom('users').select('role').where('id', '=', victim.id).executeTakeFirstOrThrow()
    expect(stored.role).toBe('staff')
    await role.selectOption('hq')
    await dialog.getByRole('button', { name: /^Make / }).click()
    await admin.getByText(/^Rolf Rolechange is now /).waitFor()

    // Audit: filter by the action's label; the target is named.
    await admin.getByRole('link', { name: 'Audit trail' }).click()
    const action = admin.getByRole('combobox', { name: 'Action', exact: true })
    await action.fill('role')
    await admin.getByRole('option', { name: 'Role changed' }).click()
    expect(admin.url()).toContain('action=user.role_changed')
    const audit = admin.getByTestId('audit')
    await audit.getByRole('row').filter({ hasText: 'Rolf Rolechange' }).getByText('Role changed').waitFor()
    await expect.poll(() => audit.locator('tbody tr').count()).toBe(1)
    expect(await audit.textContent()).not.toContain(victim.id)
    await admin.getByRole('combobox', { name: 'Action', exact: true }).fill('mission')
    await admin.getByRole('option', { name: 'Mission added' }).click()
    await audit.getByText('Embassy of France in Nigeria').waitFor()
    await audit.getByText('Hub Zanzibar').waitFor()
  })
})
