import { currentLanguage } from '../i18n/intl'
import { LOCALES } from '../i18n/language'
import type { Language } from '../../shared/languages'

/**
 * Dates and times as the app shows them, in one place, through Intl, in the interface language:
 * English is en-GB ("1 Dec 2026, 20:30": day month year, 24-hour clock, no seconds), French
 * "1 déc. 2026, 20:30", Italian "1 dic 2026, 20:30". Instants are shown in the reader's time
 * zone; where posts and Brussels may differ (entries, comments, the audit) the zone is named.
 * Calendar days (`2026-12-01`: due dates, periods) have no zone and are shown as the same day
 * everywhere. Typed days stay dd/mm/yyyy in every language.
 */

interface Formats {
  dateTime: Intl.DateTimeFormat
  dateTimeZone: Intl.DateTimeFormat
  day: Intl.DateTimeFormat
  numericDay: Intl.DateTimeFormat
  number: Intl.NumberFormat
  relative: Intl.RelativeTimeFormat
  /** Month names and abbreviations (lower case, no dots) → month number, for typed days. */
  months: Map<string, number>
}

const made = new Map<Language, Formats>()

function monthNames(locale: string): Map<string, number> {
  const names = new Map<string, number>()
  const strip = (s: string) => s.toLowerCase().replace(/\./g, '').normalize('NFC')
  for (const loc of [locale, LOCALES.en]) {
    for (const month of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(loc, { month, timeZone: 'UTC' })
      for (let m = 0; m < 12; m++) {
        const name = strip(f.format(new Date(Date.UTC(2026, m, 1))))
        if (!names.has(name)) names.set(name, m + 1)
        if (!names.has(name.slice(0, 3))) names.set(name.slice(0, 3), m + 1)
      }
    }
  }
  return names
}

function formats(language: Language = currentLanguage()): Formats {
  let f = made.get(language)
  if (!f) {
    const locale = LOCALES[language]
    f = {
      dateTime: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      dateTimeZone: new Intl.DateTimeFormat(locale, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      }),
      day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
      // Typed days are dd/mm/yyyy in every language (en-GB writes them so).
      numericDay: new Intl.DateTimeFormat(LOCALES.en, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
      number: new Intl.NumberFormat(locale),
      relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
      months: monthNames(locale),
    }
    made.set(language, f)
  }
  return f
}

const valid = (d: Date) => !Number.isNaN(d.getTime())

/** An instant: "1 Dec 2026, 20:30" (the reader's zone). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  return valid(d) ? formats().dateTime.format(d) : ''
}

/** An instant with its zone named: "1 Dec 2026, 20:30 CET". */
export function formatDateTimeZone(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  return valid(d) ? formats().dateTimeZone.format(d) : ''
}

/** A calendar day (`2026-12-01`) or the day of an instant, in UTC: "1 Dec 2026". */
export function formatDay(day: string | null | undefined): string {
  if (!day) return ''
  const d = new Date(day.length === 10 ? `${day}T00:00:00Z` : day)
  return valid(d) ? formats().day.format(d) : ''
}

/** A number in the interface language: 12,345 / 12 345 / 12.345. */
export const formatNumber = (n: number): string => formats().number.format(n)

/** "in 3 days", "dans 3 jours", "tra 3 giorni"; "yesterday", "hier", "ieri". */
export const formatRelativeDays = (days: number): string => formats().relative.format(days, 'day')

/** A calendar day as typed in a date field: `2026-12-01` → "01/12/2026". */
export const dayToInput = (day: string | null | undefined): string => {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return ''
  return formats().numericDay.format(new Date(`${day}T00:00:00Z`))
}

/**
 * What a person typed in a date field, as a calendar day (`2026-12-01`), or null when it is not
 * one. Day first: "1/12/2026", "01.12.2026", "1 Dec 2026" (month names in the interface language
 * or English: "1 déc. 2026", "1 dicembre 2026"); ISO `2026-12-01` too.
 */
export function parseDayInput(text: string): string | null {
  const s = text.trim().toLowerCase().normalize('NFC')
  let y: number, m: number, d: number
  let g: RegExpMatchArray | null
  const months = formats().months
  if ((g = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) [y, m, d] = [+g[1], +g[2], +g[3]]
  else if ((g = s.match(/^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/))) [d, m, y] = [+g[1], +g[2], +g[3]]
  else if ((g = s.match(/^(\d{1,2})\s+(\p{L}+)\.?\s+(\d{4})$/u)) && (months.get(g[2]) ?? months.get(g[2].slice(0, 3)))) {
    ;[d, m, y] = [+g[1], (months.get(g[2]) ?? months.get(g[2].slice(0, 3)))!, +g[3]]
  }
  else return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}
