import { describe, expect, it } from 'vitest'
import { browserLanguage, resolveLanguage } from '../../client/i18n/language'
import { loadCatalog, setCurrentLanguage, t } from '../../client/i18n/intl'
import { formatDay, parseDayInput, formatRelativeDays } from '../../client/ui/format'

describe('the interface language', () => {
  it('follows the browser when the account has not chosen: fr*/it* → fr/it, anything else → English', () => {
    expect(browserLanguage(['fr-BE', 'en'])).toBe('fr')
    expect(browserLanguage(['it'])).toBe('it')
    expect(browserLanguage(['de-DE', 'it-CH', 'fr'])).toBe('it')
    expect(browserLanguage(['de-DE', 'es'])).toBe('en')
    expect(browserLanguage(['en-US'])).toBe('en')
    expect(browserLanguage([])).toBe('en')
  })

  it("takes the account's choice first, then the sign-in page's pick, then the browser's", () => {
    expect(resolveLanguage('it', 'fr', 'en')).toBe('it')
    expect(resolveLanguage(null, 'fr', 'en')).toBe('fr')
    expect(resolveLanguage(null, null, 'fr')).toBe('fr')
    expect(resolveLanguage(undefined, null, 'en')).toBe('en')
  })

  it('formats messages with plurals, dates and relative days in the language in force; typed days stay dd/mm/yyyy', async () => {
    // French and Italian are chunks of their own, fetched when wanted.
    await Promise.all([loadCatalog('fr'), loadCatalog('it')])
    try {
      setCurrentLanguage('fr')
      expect(t('sync.offline', { count: 1 })).toBe('hors ligne — 1 modification en attente')
      expect(t('sync.offline', { count: 3 })).toBe('hors ligne — 3 modifications en attente')
      expect(formatDay('2026-12-01')).toBe('1 déc. 2026')
      expect(formatRelativeDays(-1)).toBe('hier')
      expect(parseDayInput('1 décembre 2026')).toBe('2026-12-01')
      expect(parseDayInput('01/12/2026')).toBe('2026-12-01')
      setCurrentLanguage('it')
      expect(t('sync.offline', { count: 2 })).toBe('offline — 2 modifiche in attesa')
      expect(formatDay('2026-12-01')).toBe('1 dic 2026')
      expect(parseDayInput('1 dicembre 2026')).toBe('2026-12-01')
      setCurrentLanguage('en')
      expect(formatDay('2026-12-01')).toBe('1 Dec 2026')
      expect(parseDayInput('1 Dec 2026')).toBe('2026-12-01')
    } finally {
      setCurrentLanguage('en')
    }
  })
})
