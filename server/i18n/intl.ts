import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl'
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/languages.js'
import { en, type MessageId } from './messages/en.js'
import { fr } from './messages/fr.js'
import { it } from './messages/it.js'

/**
 * The server's language: mails, the unsubscribe pages and the progress report are written in the
 * reader's language with FormatJS (`@formatjs/intl`, the same ICU message syntax as the web app's
 * react-intl). Record content is never translated: only what the server itself says, and how it
 * writes dates and numbers.
 */

export const CATALOGS: Record<Language, Record<MessageId, string>> = { en, fr, it }

/** The locale each language writes dates and numbers in (British English: day before month). */
export const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', it: 'it-IT' }

/** What a piece of server output needs to speak one language. */
export interface Translator {
  language: Language
  /** The HTML `lang` of a page. */
  lang: string
  t(id: MessageId, values?: Record<string, string | number | Date>): string
  /** A calendar day (`2026-12-09`, or a Date read in UTC) the way the language writes it: "9 December 2026". */
  day(value: string | Date): string
  /** A day and time in UTC: "9 December 2026, 14:05 UTC". */
  dateTime(value: Date): string
  number(n: number): string
}

const cache = createIntlCache()
const translators = new Map<Language, Translator>()

/** A language from anything stored or sent (null, unknown → English). */
export const languageOf = (value: unknown): Language => (isLanguage(value) ? value : DEFAULT_LANGUAGE)

/** The translator of a language (built once per process; unknown languages read as English). */
export function translator(language: Language | null | undefined): Translator {
  const l = languageOf(language)
  let tr = translators.get(l)
  if (tr) return tr
  const intl: IntlShape<string> = createIntl(
    {
      locale: LOCALES[l],
      defaultLocale: LOCALES.en,
      messages: CATALOGS[l],
      timeZone: 'UTC',
      // A catalog gap is caught by the completeness test; at run time the English text is used.
      onError: () => {},
    },
    cache,
  )
  const asDate = (value: string | Date) => (typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value)
  tr = {
    language: l,
    lang: l,
    t: (id, values) => intl.formatMessage({ id, defaultMessage: en[id] }, values) as string,
    day: (value) => {
      const d = asDate(value)
      return Number.isNaN(d.getTime()) ? String(value) : intl.formatDate(d, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    },
    dateTime: (value) => `${intl.formatDate(value, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })} UTC`,
    number: (n) => intl.formatNumber(n),
  }
  translators.set(l, tr)
  return tr
}
