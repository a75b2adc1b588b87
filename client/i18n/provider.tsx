import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { RawIntlProvider } from 'react-intl'
import type { Language } from '../../shared/languages'
import { browserLanguage, keepLanguage, keptLanguage, resolveLanguage } from './language'
import { hasCatalog, loadCatalog, setCurrentLanguage, type MessageId, type Values } from './intl'

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
 * remount (an open editor keeps its connection and its cursor). A language whose catalog is still
 * on its way (a chunk, see intl.ts) takes over when it arrives; until then a page stays in the
 * language it was in (a switch), while the first paint and the first page after sign-in wait for
 * it rather than show a moment in another language.
 */
export function LanguageProvider({ account, children }: { account: Language | null | undefined; children: ReactNode }) {
  const [kept, setKept] = useState<Language | null>(keptLanguage)
  const wanted = resolveLanguage(account, kept, browserLanguage())
  const [failed, setFailed] = useState<Language | null>(null)
  const [, setArrived] = useState(0)
  const signedIn = account !== undefined
  const shown = useRef<{ language: Language; signedIn: boolean } | null>(null)
  useEffect(() => {
    if (hasCatalog(wanted)) return
    let live = true
    loadCatalog(wanted).then(
      () => live && setArrived((n) => n + 1),
      // Not fetched (no link, no service worker yet): the page speaks what it has rather than nothing.
      () => live && setFailed(wanted),
    )
    return () => {
      live = false
    }
  }, [wanted])
  const previous = shown.current?.signedIn === signedIn ? shown.current.language : null
  const language: Language | null = hasCatalog(wanted) ? wanted : (previous ?? (failed === wanted ? 'en' : null))
  if (language) shown.current = { language, signedIn }
  // Set during render, before any child formats a date or an error: the module-level intl follows.
  const intl = setCurrentLanguage(language ?? 'en')
  const pickSignedOut = useCallback((l: Language | null) => {
    keepLanguage(l)
    setKept(l)
  }, [])
  const value = useMemo(() => ({ language: language ?? 'en', pickSignedOut, kept }), [language, pickSignedOut, kept])
  if (language === null) return null
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
