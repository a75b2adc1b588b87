import { createIntl, createIntlCache, type IntlShape } from 'react-intl'
import type { Language } from '../../shared/languages'
import en from './messages/en.json'
import { LOCALES } from './language'

/**
 * The catalogs (flat ids, ICU syntax; English is the source) and the one intl object in force.
 * English ships with the app; French and Italian are chunks of their own (~10 kB gzipped each),
 * loaded when that language is wanted (`loadCatalog`): a page carries one catalog, not three.
 * The service worker keeps every chunk, so the app opens offline in any of them.
 */
export type MessageId = keyof typeof en
export type Values = Record<string, string | number | boolean | Date | null | undefined>
type Catalog = Record<MessageId, string>

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalog }>> = {
  fr: () => import('./messages/fr.json'),
  it: () => import('./messages/it.json'),
}
const catalogs: Partial<Record<Language, Catalog>> = { en }
const loading = new Map<Language, Promise<void>>()

/** Whether `language`'s catalog is here (English always is). */
export const hasCatalog = (language: Language): boolean => !!catalogs[language]

/** Fetches `language`'s catalog once (again after a failure: the link dropped). */
export function loadCatalog(language: Language): Promise<void> {
  if (catalogs[language] || language === 'en') return Promise.resolve()
  let p = loading.get(language)
  if (!p) {
    p = LOADERS[language]().then(
      (m) => void (catalogs[language] = m.default),
      (err: unknown) => {
        loading.delete(language)
        throw err
      },
    )
    loading.set(language, p)
  }
  return p
}

const cache = createIntlCache()

function make(language: Language): IntlShape {
  return createIntl(
    {
      locale: LOCALES[language],
      messages: catalogs[language] ?? en,
      defaultLocale: LOCALES.en,
      // A missing id falls back to its id (and the catalog test fails); nothing to log in the console.
      onError: () => {},
    },
    cache,
  )
}

let current: { language: Language; intl: IntlShape } = { language: 'en', intl: make('en') }

/**
 * Sets the language of everything that formats outside React (errors, toasts, dates). A language
 * whose catalog has not arrived yet leaves the current one in force (`LanguageProvider` waits for it).
 */
export function setCurrentLanguage(language: Language): IntlShape {
  if (!hasCatalog(language)) return current.intl
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
