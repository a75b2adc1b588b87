import { describe, expect, it } from 'vitest'
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { LANGUAGES } from '../../../../shared/languages.js'
import { CATALOGS, translator } from '../../../../server/i18n/intl.js'
import type { MessageId } from '../../../../server/i18n/messages/en.js'

/** The names of a message's arguments, plurals and selects included, nested ones too. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if ('value' in e && typeof e.value === 'string' && e.type !== 0) into.add(e.value)
    if ('options' in e) for (const o of Object.values(e.options)) argumentsOf(o.value, into)
    if ('children' in e) argumentsOf(e.children, into)
  }
  return into
}

const ids = Object.keys(CATALOGS.en).sort() as MessageId[]

describe('the server’s message catalogs (mails, unsubscribe pages, report)', () => {
  it('every id is in every language, and no language has an id English lacks', () => {
    for (const l of LANGUAGES) expect(Object.keys(CATALOGS[l]).sort(), l).toEqual(ids)
  })

  it('every message parses as ICU and has the same placeholders in every language', () => {
    for (const id of ids) {
      const expected = [...argumentsOf(parse(CATALOGS.en[id]))].sort()
      for (const l of LANGUAGES) {
        const message = CATALOGS[l][id]
        expect(message.trim(), `${l} ${id}`).not.toBe('')
        let ast: MessageFormatElement[] = []
        expect(() => (ast = parse(message)), `${l} ${id}: ${message}`).not.toThrow()
        expect([...argumentsOf(ast)].sort(), `${l} ${id}`).toEqual(expected)
        // A straight apostrophe before { or } would quote it away in ICU: typographic ones only.
        if (l !== 'en') expect(message, `${l} ${id}`).not.toMatch(/'/)
      }
    }
  })

  it('formats with values in each language: plurals, dates, numbers', () => {
    const fr = translator('fr')
    const en = translator('en')
    const it = translator('it')
    expect(en.t('mail.subject.digest', { count: 1 })).toBe('Your Hubwork digest: 1 update')
    expect(en.t('mail.subject.digest', { count: 3 })).toBe('Your Hubwork digest: 3 updates')
    expect(fr.t('mail.subject.digest', { count: 1 })).toBe('Votre récapitulatif Hubwork : 1 nouveauté')
    expect(fr.t('mail.subject.digest', { count: 0 })).toBe('Votre récapitulatif Hubwork : 0 nouveauté')
    expect(fr.t('mail.subject.digest', { count: 2 })).toBe('Votre récapitulatif Hubwork : 2 nouveautés')
    expect(en.day('2026-12-09')).toBe('9 December 2026')
    expect(fr.day('2026-12-09')).toBe('9 décembre 2026')
    expect(it.day('2026-12-09')).toBe('9 dicembre 2026')
    expect(fr.number(1234.5)).toBe('1\u202f234,5')
    expect(translator(null).language).toBe('en')
    expect(translator('de' as never).language).toBe('en')
    // Every message formats without an error and without a placeholder left in it.
    for (const l of LANGUAGES) {
      const tr = translator(l)
      for (const id of ids) {
        const values = Object.fromEntries([...argumentsOf(parse(CATALOGS.en[id]))].map((a) => [a, a === 'count' || a === 'n' ? 2 : `<${a}>`]))
        const out = tr.t(id, values)
        expect(out, `${l} ${id}`).not.toMatch(/[{}]/)
      }
    }
  })
})

describe('the progress report’s catalogs (English and French)', () => {
  it('every report id is in both languages with the same placeholders', async () => {
    const { REPORT_CATALOGS, REPORT_LANGUAGES } = await import('../../../../server/rollup/report-words.js')
    const reportIds = Object.keys(REPORT_CATALOGS.en).sort()
    for (const l of REPORT_LANGUAGES) {
      expect(Object.keys(REPORT_CATALOGS[l]).sort(), l).toEqual(reportIds)
      for (const id of reportIds) {
        const en = [...argumentsOf(parse((REPORT_CATALOGS.en as Record<string, string>)[id]))].sort()
        const message = (REPORT_CATALOGS[l] as Record<string, string>)[id]
        expect([...argumentsOf(parse(message))].sort(), `${l} ${id}`).toEqual(en)
        if (l !== 'en') expect(message, `${l} ${id}`).not.toMatch(/'/)
      }
    }
  })

  it('names the tables’ columns in shared/rollup-tables.ts’s order (the English catalog reproduces them)', async () => {
    const { TABLE_COLUMNS, REPORT_CATALOGS } = await import('../../../../server/rollup/report-words.js')
    const { rollupTables } = await import('../../../../shared/rollup-tables.js')
    const empty = {
      from: '2026-01-01', to: '2026-06-30', asOf: '2026-06-30', hubs: [], matrix: [], actionsByStatus: {}, overdue: [], participation: [], focalPoints: [],
      crossCutting: { open: 0, awaitingComment: 0, awaiting: [] },
      records: { forums: [], partnerships: [], globalGateway: { actions: [], byKind: [] }, counterparts: [], memberStates: [], escalation: {} },
    }
    const tables = rollupTables(empty as never, { themeLabel: (id) => id }) as Record<string, { title: string; columns: string[] }>
    const en = REPORT_CATALOGS.en as Record<string, string>
    for (const [key, cols] of Object.entries(TABLE_COLUMNS)) {
      expect(en[`report.table.${key}`], key).toBe(tables[key].title)
      expect(cols.map((c) => en[`report.col.${c}`]), key).toEqual(tables[key].columns)
    }
  })
})
