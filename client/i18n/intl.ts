import { createIntl, createIntlCache, type IntlShape } from 'react-intl'
import type { Language } from '../../shared/languages'
import en from './messages/en.json'
import fr from './messages/fr.json'
import it from './messages/it.json'
import { LOCALES } from './language'

/**
 * The catalogs (flat ids, ICU syntax; English is the source) and the one intl object in force.
 * The three catalogs are small enough to ship together: switching language needs no download,
 * and the app opens offline in any of them.
 */
export type MessageId = keyof typeof en
export type Values = Record<string, string | number | boolean | Date | null | undefined>

export const CATALOGS: Record<Language, Record<MessageId, string>> = { en, fr, it }

const cache = createIntlCache()

function make(language: Language): IntlShape {
  return createIntl(
    {
      locale: LOCALES[language],
      messages: CATALOGS[language],
      defaultLocale: LOCALES.en,
      // A missing id falls back to its id (and the catalog test fails); nothing to log in the console.
      onError: () => {},
    },
    cache,
  )
}

let current: { language: Language; intl: IntlShape } = { language: 'en', intl: make('en') }

/** Sets the language of everything that formats outside React (errors, toasts, dates). */
export function setCurrentLanguage(language: Language): IntlShape {
  if (current.language !== language) current = { language, intl: make(language) }
  if (typeof document !== 'undefined') document.documentElement.lang = language
  return current.intl
}

export const currentLanguage = (): Language => current.language
export const currentIntl = (): IntlShape => current.intl

/** A message of the current language, for code outside components (a component uses `useT`). */
export function t(id: MessageId, values?: Values): string {
  return current.intl.formatMessage({ id }, values as Record<string, string | number>) as string
}
