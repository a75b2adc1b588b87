import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../../server/config.js'

const one = { OIDC_ISSUER: 'https://login.example.eu', OIDC_CLIENT_ID: 'hubwork', OIDC_CLIENT_SECRET: 's3cret' }

describe('configuration of single sign-on and e-mail', () => {
  it('takes one identity provider from the three plain names, named after its host unless OIDC_NAME says', () => {
    expect(loadConfig(one).oidcProviders).toEqual([{ id: 'oidc', name: 'login.example.eu', issuer: one.OIDC_ISSUER, clientId: 'hubwork', clientSecret: 's3cret' }])
    expect(loadConfig({ ...one, OIDC_NAME: 'EU Login' }).oidcProviders[0].name).toBe('EU Login')
    expect(loadConfig({}).oidcProviders).toEqual([])
  })

  it('takes several from OIDC_PROVIDERS, beside the plain one', () => {
    const list = [{ id: 'mfa-de', name: 'Auswärtiges Amt', issuer: 'https://id.diplo.example', clientId: 'a', clientSecret: 'b' }]
    const c = loadConfig({ ...one, OIDC_PROVIDERS: JSON.stringify(list) })
    expect(c.oidcProviders.map((p) => p.id)).toEqual(['oidc', 'mfa-de'])
  })

  it('refuses half a provider, bad JSON, duplicate ids, and no way to sign in', () => {
    expect(() => loadConfig({ OIDC_ISSUER: one.OIDC_ISSUER })).toThrow(/set all three or none/)
    expect(() => loadConfig({ OIDC_PROVIDERS: '[{' })).toThrow(/OIDC_PROVIDERS: must be a JSON array/)
    expect(() => loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ id: 'x', name: 'X', issuer: 'https://a.example', clientId: 'a', clientSecret: 'b' }, { id: 'x', name: 'Y', issuer: 'https://b.example', clientId: 'a', clientSecret: 'b' }]) })).toThrow(/every id must be different/)
    expect(() => loadConfig({ PASSWORD_LOGIN: '0' })).toThrow(ConfigError)
    expect(loadConfig({ ...one, PASSWORD_LOGIN: '0' }).passwordLogin).toBe(false)
  })

  it('sends mail only with SMTP_URL, which needs MAIL_FROM', () => {
    expect(loadConfig({}).mail).toBeNull()
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(/MAIL_FROM: required/)
    expect(() => loadConfig({ SMTP_URL: 'http://x', MAIL_FROM: 'a@b.c' })).toThrow(/SMTP_URL/)
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: 'Hubwork <hubwork@example.eu>' }).mail).toEqual({ smtpUrl: 'smtp://127.0.0.1:25', from: 'Hubwork <hubwork@example.eu>', digestHour: 7 })
  })
})
