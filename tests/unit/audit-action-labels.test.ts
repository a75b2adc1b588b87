import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '../../server/audit/audit.js'
import { AUDIT_ACTION_LABELS } from '../../client/features/admin/audit-actions.js'
import en from '../../client/i18n/messages/en.json'
import fr from '../../client/i18n/messages/fr.json'
import it_ from '../../client/i18n/messages/it.json'

const CATALOGS: Record<string, Record<string, string>> = { en, fr, it: it_ }

/** The audit filter lists actions by name: every action the server records has a label, in every language. */
describe('audit action labels', () => {
  it('name exactly the actions the server records', () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort())
  })
  it('are translated in every catalog, and differ from the code', () => {
    for (const [language, catalog] of Object.entries(CATALOGS)) {
      for (const [action, id] of Object.entries(AUDIT_ACTION_LABELS)) {
        expect(catalog[id], `${language}: ${action}`).toBeTruthy()
        expect(catalog[id]).not.toBe(action)
      }
    }
  })
})
