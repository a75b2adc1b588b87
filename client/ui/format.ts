/**
 * Dates and times as the app shows them, in one place, through Intl. The default locale is
 * en-GB ("1 Dec 2026, 20:30": day month year, 24-hour clock, no seconds). Instants are shown in
 * the reader's time zone; where posts and Brussels may differ (entries, comments, the audit) the
 * zone is named. Calendar days (`2026-12-01`: due dates, periods) have no zone and are shown as
 * the same day everywhere.
 */
export const LOCALE = 'en-GB'

const dateTime = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
const dateTimeZone = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
})
const dayFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const numericDay = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })

const valid = (d: Date) => !Number.isNaN(d.getTime())

/** An instant: "1 Dec 2026, 20:30" (the reader's zone). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  return valid(d) ? dateTime.format(d) : ''
}

/** An instant with its zone named: "1 Dec 2026, 20:30 CET". */
export function formatDateTimeZone(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  return valid(d) ? dateTimeZone.format(d) : ''
}

/** A calendar day (`2026-12-01`) or the day of an instant, in UTC: "1 Dec 2026". */
export function formatDay(day: string | null | undefined): string {
  if (!day) return ''
  const d = new Date(day.length === 10 ? `${day}T00:00:00Z` : day)
  return valid(d) ? dayFormat.format(d) : ''
}

/** A calendar day as typed in a date field: `2026-12-01` → "01/12/2026". */
export const dayToInput = (day: string | null | undefined): string => {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return ''
  return numericDay.format(new Date(`${day}T00:00:00Z`))
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * What a person typed in a date field, as a calendar day (`2026-12-01`), or null when it is not
 * one. Day first as in en-GB: "1/12/2026", "01.12.2026", "1 Dec 2026"; ISO `2026-12-01` too.
 */
export function parseDayInput(text: string): string | null {
  const s = text.trim().toLowerCase()
  let y: number, m: number, d: number
  let g: RegExpMatchArray | null
  if ((g = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) [y, m, d] = [+g[1], +g[2], +g[3]]
  else if ((g = s.match(/^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/))) [d, m, y] = [+g[1], +g[2], +g[3]]
  else if ((g = s.match(/^(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})$/)) && MONTHS.includes(g[2])) [d, m, y] = [+g[1], MONTHS.indexOf(g[2]) + 1, +g[3]]
  else return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}
