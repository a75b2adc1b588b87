import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  childTerms,
  isForumId,
  isThemeId,
  listForums,
  listThemes,
  termLabel,
  termLabelIn,
  topTheme,
} from '../../../shared/taxonomy.js'
import { taxonomyFromFile } from '../../../shared/taxonomy-file.js'

const file = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../seeds/taxonomy.json'), 'utf8'))
const tax = taxonomyFromFile(file)

describe('taxonomy', () => {
  it('lists themes and forums with ids, labels and parents', () => {
    expect(listThemes(tax)).toHaveLength(file.themes.length)
    expect(listThemes(tax).find((t) => t.id === 'dpi.digital-identity')).toMatchObject({ parent: 'dpi' })
    expect(listThemes(tax, { topLevelOnly: true }).every((t) => !t.id.includes('.'))).toBe(true)
    expect(childTerms(tax.themes, 'cybersecurity').map((t) => t.id)).toContain('cybersecurity.cyber-capacity-building')
    expect(listForums(tax).find((f) => f.id === 'itu-pp26')).toMatchObject({ parent: 'itu' })
    expect(listForums(tax, { topLevelOnly: true }).some((f) => f.id === 'itu-pp26')).toBe(false)
    expect(termLabel(tax.themes, 'ai')).toBe('Artificial intelligence')
    expect(termLabel(tax.themes, 'gone')).toBe('gone')
    expect(topTheme('connectivity.5g-6g')).toBe('connectivity')
  })

  it('has a French label for every theme and forum, and carries every language', () => {
    for (const t of file.themes) expect(t.label_fr, t.id).toMatch(/\S/)
    for (const f of file.forums) expect(f.name_fr, f.id).toMatch(/\S/)
    const terms = [...tax.themes, ...tax.forums]
    for (const t of terms) {
      expect(Object.keys(t.labels).sort(), t.id).toEqual(['en', 'fr', 'it'])
      expect(t.labels.en, t.id).toBe(t.label)
    }
    // French differs from English except where the name is the same word in both (a proper name or acronym).
    const same = terms.filter((t) => t.labels.fr === t.labels.en).map((t) => t.id)
    expect(same).toEqual([])
    expect(termLabelIn(tax.themes, 'ai', 'fr')).toBe('Intelligence artificielle')
    expect(termLabelIn(tax.themes, 'ai', 'it')).toBe('Intelligenza artificiale')
    expect(termLabelIn(tax.themes, 'ai')).toBe('Artificial intelligence')
    expect(termLabelIn(tax.themes, 'gone', 'fr')).toBe('gone')
    expect(termLabelIn(tax.forums, 'itu', 'fr')).toBe('ITU — Union internationale des télécommunications (UIT)')
    expect(termLabelIn(tax.forums, 'g7', 'fr')).toBe('G7 — Groupe des Sept')
  })

  it('falls back to English where the file has no Italian', () => {
    const small = taxonomyFromFile({ themes: [{ id: 'x', label_en: 'Ex', label_fr: 'Ix' }], forums: [{ id: 'f', name_en: 'Forum' }] })
    expect(small.themes[0].labels).toEqual({ en: 'Ex', fr: 'Ix', it: 'Ex' })
    expect(small.forums[0].labels).toEqual({ en: 'Forum', fr: 'Forum', it: 'Forum' })
  })

  it('validates ids exactly', () => {
    expect(isThemeId(tax, 'cybersecurity.cyber-capacity-building')).toBe(true)
    for (const bad of ['AI', 'ai ', '', 'cybersecurity.', 42, null]) expect(isThemeId(tax, bad)).toBe(false)
    expect(isForumId(tax, 'itu')).toBe(true)
    expect(isForumId(tax, 'ai')).toBe(false)
  })

  it('refuses a malformed file', () => {
    expect(() => taxonomyFromFile({ themes: [{ id: 1 }] })).toThrow()
  })
})
