import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react'
import { BrowserRouter, Link as RouterLink, matchPath, useLocation, useNavigate, useSearchParams } from 'react-router'

/**
 * Routing through React Router (History API: reload, back and share work). This file is the app's
 * one seam onto it: pages use `useRouter`, `Link`, `match` and `useUrlState`, so the library can be
 * swapped here alone.
 */
export function Router({ children }: { children: ReactNode }) {
  return (
    <BrowserRouter>
      <ScrollOnPathChange />
      {children}
    </BrowserRouter>
  )
}

/** A new page starts at its top; a change of the query alone (a filter, an open thread) keeps the place. */
function ScrollOnPathChange() {
  const { pathname } = useLocation()
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    window.scrollTo(0, 0)
  }, [pathname])
  return null
}

/** The current path, its query, and a way to move (`replace` for state that should not add a Back step). */
export function useRouter() {
  const { pathname, search } = useLocation()
  const nav = useNavigate()
  return useMemo(
    () => ({
      path: pathname,
      search,
      navigate: (to: string, opts?: { replace?: boolean }) => {
        if (to === pathname + search) return
        void nav(to, opts)
      },
    }),
    [pathname, search, nav],
  )
}

/** A link that navigates without reloading (Ctrl/Cmd-click and middle-click open a new tab as usual). */
export function Link({ to, children, className, ...rest }: { to: string; children: ReactNode; className?: string; 'aria-current'?: 'page' }) {
  return (
    <RouterLink to={to} className={className} {...rest}>
      {children}
    </RouterLink>
  )
}

/** Matches `path` against a pattern like `/hubs/:hubId/:tab`; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const m = matchPath({ path: pattern, end: true }, path)
  if (!m) return null
  const params: Record<string, string> = {}
  for (const [k, v] of Object.entries(m.params)) if (v !== undefined) params[k] = v
  return params
}

/** A parser of one query value: the value as the view uses it, or undefined for one it refuses. */
export type Param = (raw: string) => string | undefined

/** Any text up to `max` characters. */
export const text =
  (max = 200): Param =>
  (raw) =>
    raw.length <= max ? raw : undefined
/** A calendar day, `2026-12-01`. */
export const day: Param = (raw) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined)

/**
 * A view's state kept in the URL's query, typed by its parsers: reload, Back and a shared link
 * show the same view. A value that does not parse is dropped (a hand-edited or old link opens the
 * default view, never an error). Empty values are left out of the URL. (Plain parsers rather than
 * zod: zod would add ~22 kB gzipped to the first load.)
 */
export function useUrlState<K extends string>(schema: Record<K, Param>) {
  const [params, setParams] = useSearchParams()
  // React Router hands a new setter with every query change: the view's setter stays one function
  // (charts and lists given it as a callback are not rebuilt on every filter change).
  const setRef = useRef(setParams)
  setRef.current = setParams
  const state = useMemo(() => {
    const out: Partial<Record<K, string>> = {}
    for (const key of Object.keys(schema) as K[]) {
      const raw = params.get(key)
      if (raw === null || raw === '') continue
      const v = schema[key](raw)
      if (v !== undefined) out[key] = v
    }
    return out
  }, [params, schema])
  const set = useCallback(
    (patch: Partial<Record<K, string | null | undefined>>, opts: { replace?: boolean } = {}) => {
      setRef.current(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(patch) as [string, string | null | undefined][]) {
            if (v === null || v === undefined || v === '') next.delete(k)
            else next.set(k, v)
          }
          return next
        },
        { replace: opts.replace ?? true },
      )
    },
    [],
  )
  return [state, set] as const
}
