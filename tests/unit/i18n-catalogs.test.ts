import { describe, expect, it } from 'vitest'
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import en from '../../client/i18n/messages/en.json'
import fr from '../../client/i18n/messages/fr.json'
import it_ from '../../client/i18n/messages/it.json'

/**
 * The interface catalogs: English is the source; every message must exist in French and Italian,
 * parse as ICU, and use the same placeholders (and the same kind of each: a plural stays a plural)
 * so that no person ever sees a missing text, a raw id or a broken `{count}`.
 */
const CATALOGS: Record<string, Record<string, string>> = { en, fr, it: it_ }

/** Each argument of a message with its kind (`argument`, `plural`, `select`, `number`, `date`…). */
function argumentsOf(elements: MessageFormatElement[], into = new Map<string, string>()): Map<string, string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) into.set(el.value, 'argument')
    else if (el.type === TYPE.number) into.set(el.value, 'number')
    else if (el.type === TYPE.date || el.type === TYPE.time) into.set(el.value, 'date')
    else if (el.type === TYPE.plural) {
      into.set(el.value, el.pluralType === 'ordinal' ? 'selectordinal' : 'plural')
      for (const option of Object.values(el.options)) argumentsOf(option.value, into)
    } else if (el.type === TYPE.select) {
      into.set(el.value, 'select')
      for (const option of Object.values(el.options)) argumentsOf(option.value, into)
    } else if (el.type === TYPE.tag) argumentsOf(el.children, into)
  }
  return into
}

/** Plurals must always say `other` (the form Intl falls back to). */
function pluralsHaveOther(elements: MessageFormatElement[]): boolean {
  return elements.every((el) => {
    if (el.type === TYPE.plural) return 'other' in el.options && Object.values(el.options).every((o) => pluralsHaveOther(o.value))
    if (el.type === TYPE.select) return Object.values(el.options).every((o) => pluralsHaveOther(o.value))
    if (el.type === TYPE.tag) return pluralsHaveOther(el.children)
    return true
  })
}

describe('the interface catalogs (en, fr, it)', () => {
  const ids = Object.keys(en)

  it('hold a few hundred messages, English first', () => {
    expect(ids.length).toBeGreaterThan(300)
  })

  for (const language of ['fr', 'it']) {
    it(`${language}: every English message has a non-empty translation, and no id is left over`, () => {
      const catalog = CATALOGS[language]
      expect(ids.filter((id) => !(typeof catalog[id] === 'string' && catalog[id].trim() !== ''))).toEqual([])
      expect(Object.keys(catalog).filter((id) => !(id in en))).toEqual([])
    })
  }

  it('every message parses as ICU in every language, and its plurals have an `other` form', () => {
    const broken: string[] = []
    for (const [language, catalog] of Object.entries(CATALOGS)) {
      for (const [id, text] of Object.entries(catalog)) {
        try {
          if (!pluralsHaveOther(parse(text))) broken.push(`${language} ${id}: a plural without "other"`)
        } catch (err) {
          broken.push(`${language} ${id}: ${(err as Error).message}`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  it('placeholders and plural arguments are the same in every language', () => {
    const differ: string[] = []
    for (const id of ids) {
      const source = JSON.stringify([...argumentsOf(parse(en[id as keyof typeof en]))].sort())
      for (const language of ['fr', 'it']) {
        const text = CATALOGS[language][id]
        if (text === undefined) continue
        const got = JSON.stringify([...argumentsOf(parse(text))].sort())
        if (got !== source) differ.push(`${language} ${id}: ${got} instead of ${source}`)
      }
    }
    expect(differ).toEqual([])
  })
})
