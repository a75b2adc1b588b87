import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startBrowserTestServer, type TestServer } from '../support/test-server.js'
import { createUser } from '../support/factories.js'
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
    // Disabling asks first: nothing happened yet.
    const asking = admin.getByRole('group', { name: 'Disable Ines Invitee' })
    await asking.getByText('Ines Invitee is signed out everywhere and cannot sign in until enabled again.').waitFor()
    await expectAccessible(admin, 'admin-confirm-disable')
    await asking.getByRole('button', { name: 'Disable', exact: true }).click()
    await admin.getByText('Ines Invitee disabled: signed out everywhere.').waitFor()
    await ines.reload()
    await ines.getByRole('button', { name: 'Sign in' }).waitFor()
    await admin.getByTestId('audit').getByText('user.disabled').waitFor()
    expect(await admin.getByTestId('audit').textContent()).toContain('auth.password_set')
  })
})
