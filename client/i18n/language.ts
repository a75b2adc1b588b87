import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/languages'

/**
 * Which language the interface speaks: the account's choice; before anyone is signed in (or when
 * the account follows the browser) the choice made on the sign-in page, kept on this browser;
 * else the browser's languages (fr* → French, it* → Italian, anything else → English).
 */

/** The Intl locale of each interface language: en-GB (day month year, 24-hour clock) for English. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', it: 'it-IT' }

/** How each language names itself, in the pickers (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', it: 'Italiano' }

/** The first of the browser's languages that the interface speaks; English when none. */
export function browserLanguage(languages: readonly string[] | undefined = globalThis.navigator?.languages): Language {
  for (const tag of languages ?? []) {
    const base = tag.toLowerCase().split(/[-_]/)[0]
    if (isLanguage(base)) return base
  }
  return DEFAULT_LANGUAGE
}

const KEY = 'hubwork.language'

/** The language picked on the sign-in page, kept on this browser until someone signs in. */
export function keptLanguage(): Language | null {
  try {
    const v = localStorage.getItem(KEY)
    return isLanguage(v) ? v : null
  } catch {
    return null
  }
}

export function keepLanguage(language: Language | null): void {
  try {
    if (language) localStorage.setItem(KEY, language)
    else localStorage.removeItem(KEY)
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

/** The language in force: the account's, else the one picked before sign-in, else the browser's. */
export function resolveLanguage(account: Language | null | undefined, kept: Language | null, browser: Language): Language {
  return account ?? kept ?? browser
}
