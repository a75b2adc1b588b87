import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../../../shared/languages.js'
import { COUNTED_NOUNS, REGION_LABELS_IN, ROLE_LABELS_IN, count, countOf, regionLabel, roleName, termLabel } from '../../../shared/labels.js'
import { ACTION_STATUSES, ACTION_STATUS_LABELS, ACTION_STATUS_LABELS_IN, INPUT_STATUSES, INPUT_STATUS_LABELS_IN, actionStatusLabel, inputStatusLabel } from '../../../shared/item-statuses.js'
import { ROLES } from '../../../shared/roles.js'

const tables = { regions: REGION_LABELS_IN, roles: ROLE_LABELS_IN, actionStatuses: ACTION_STATUS_LABELS_IN, inputStatuses: INPUT_STATUS_LABELS_IN }

describe('shared labels in every language', () => {
  it('every label has en, fr and it, with the same ids', () => {
    for (const [name, table] of Object.entries(tables)) {
      expect(Object.keys(table).sort(), name).toEqual([...LANGUAGES].sort())
      const ids = Object.keys(table.en).sort()
      for (const l of LANGUAGES) {
        expect(Object.keys(table[l]).sort(), `${name} ${l}`).toEqual(ids)
        for (const id of ids) expect((table[l] as Record<string, string>)[id], `${name} ${l} ${id}`).toMatch(/\S/)
      }
    }
    expect(Object.keys(ROLE_LABELS_IN.fr).sort()).toEqual([...ROLES].sort())
    expect(Object.keys(ACTION_STATUS_LABELS_IN.fr).sort()).toEqual([...ACTION_STATUSES].sort())
    expect(Object.keys(INPUT_STATUS_LABELS_IN.it).sort()).toEqual([...INPUT_STATUSES].sort())
    for (const [noun, forms] of Object.entries(COUNTED_NOUNS)) {
      for (const l of LANGUAGES) {
        const [one, other] = (forms as Record<string, readonly string[]>)[l]
        expect(one, `${noun} ${l}`).toMatch(/\S/)
        expect(other, `${noun} ${l}`).toMatch(/\S/)
      }
    }
  })

  it('reads in French and Italian when asked, English otherwise (older callers unchanged)', () => {
    expect(regionLabel('western-balkans')).toBe('Western Balkans')
    expect(regionLabel('western-balkans', 'fr')).toBe('Balkans occidentaux')
    expect(regionLabel('western-balkans', 'it')).toBe('Balcani occidentali')
    expect(regionLabel('gulf-states', 'fr')).toBe('Gulf states')
    expect(roleName('hq')).toBe('HQ reviewer')
    expect(roleName('cyber', 'fr')).toBe('Ambassadeur pour le cyber')
    expect(roleName('wizard', 'fr')).toBe('wizard')
    expect(actionStatusLabel('in_progress', 'fr')).toBe('En cours')
    expect(actionStatusLabel('done', 'it')).toBe('Completata')
    expect(actionStatusLabel('done')).toBe(ACTION_STATUS_LABELS.done)
    expect(inputStatusLabel('awaiting_input', 'fr')).toBe('Contribution attendue')
    expect(termLabel([{ id: 'ai', label: 'AI', labels: { en: 'AI', fr: 'IA' } }], 'ai', 'fr')).toBe('IA')
    expect(termLabel([{ id: 'ai', label: 'AI' }], 'ai', 'fr')).toBe('AI')
  })

  it('counts with the plural rules and digits of the language', () => {
    expect(count(3, 'entry', 'entries')).toBe('3 entries')
    expect(count(0, 'day', undefined, 'fr')).toBe('0 jour')
    expect(count(2, 'day', undefined, 'fr')).toBe('2 jours')
    expect(count(2, 'widget', 'widgets', 'fr')).toBe('2 widgets')
    expect(countOf(1, 'comment', 'it')).toBe('1 commento')
    expect(countOf(1200, 'comment', 'fr')).toBe('1\u202f200 commentaires')
    expect(countOf(1200, 'newEntry', 'en')).toBe('1,200 new entries')
  })
})
