import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { RawIntlProvider } from 'react-intl'
import type { Language } from '../../shared/languages'
import { browserLanguage, keepLanguage, keptLanguage, resolveLanguage } from './language'
import { setCurrentLanguage, type MessageId, type Values } from './intl'

interface LanguageState {
  /** The language in force. */
  language: Language
  /** Picks a language before sign-in (kept on this browser), or null to follow the browser again. */
  pickSignedOut(language: Language | null): void
  /** The language picked on the sign-in page, if any. */
  kept: Language | null
}

const LanguageContext = createContext<LanguageState | null>(null)

/**
 * Speaks the account's language (`account`: null/undefined → the sign-in page's pick or the
 * browser's). Changing it re-renders what reads it (`useT`, `useIntl`) at once: no reload, and no
 * remount (an open editor keeps its connection and its cursor).
 */
export function LanguageProvider({ account, children }: { account: Language | null | undefined; children: ReactNode }) {
  const [kept, setKept] = useState<Language | null>(keptLanguage)
  const language = resolveLanguage(account, kept, browserLanguage())
  // Set during render, before any child formats a date or an error: the module-level intl follows.
  const intl = setCurrentLanguage(language)
  const pickSignedOut = useCallback((l: Language | null) => {
    keepLanguage(l)
    setKept(l)
  }, [])
  const value = useMemo(() => ({ language, pickSignedOut, kept }), [language, pickSignedOut, kept])
  return (
    <LanguageContext.Provider value={value}>
      <RawIntlProvider value={intl}>
        {children}
      </RawIntlProvider>
    </LanguageContext.Provider>
  )
}

export function useLanguage(): LanguageState {
  const s = useContext(LanguageContext)
  if (!s) throw new Error('useLanguage outside LanguageProvider')
  return s
}

/** `t(id, values)` in the language in force; re-renders when it changes. */
export function useT(): (id: MessageId, values?: Values) => string {
  const { language } = useLanguage()
  return useMemo(() => {
    const intl = setCurrentLanguage(language)
    return (id: MessageId, values?: Values) => intl.formatMessage({ id }, values as Record<string, string | number>) as string
  }, [language])
}
