import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  childTerms,
  isForumId,
  isThemeId,
  listForums,
  listThemes,
  taxonomyFromFile,
  termLabel,
  topTheme,
} from '../../../shared/taxonomy.js'

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
