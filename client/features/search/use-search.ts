import { useEffect, useMemo, useRef, useState } from 'react'
import { useApi } from '../../api/query'
import type { SearchHit } from '../../../shared/schemas/items'

export interface SearchFilters {
  hubId: string
  kind: string
  theme: string
  /** `start/end` of a reporting period, or '' for any time. */
  period: string
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; hits: SearchHit[]; q: string }
  | { status: 'error'; message: string }

const DEBOUNCE_MS = 200

/** The search's path for what is typed, or null below two characters. */
function searchPath(q: string, f: SearchFilters): string | null {
  const typed = q.trim()
  if (typed.length < 2) return null
  const params = new URLSearchParams({ q: typed, limit: '50' })
  if (f.hubId) params.set('hubId', f.hubId)
  if (f.kind) params.set('kind', f.kind)
  if (f.theme) params.set('theme', f.theme)
  if (f.period) {
    const [from, to] = f.period.split('/')
    params.set('from', from)
    params.set('to', to)
  }
  return `/api/search?${params}`
}

/**
 * The hits for what is typed, asked after a pause in typing (through the query cache: the same
 * words again show their last answer at once while they are asked again, and each answer is kept
 * under its own words, so an older answer never replaces a newer one). While the next answer comes, the last one stays on screen.
 */
export function useSearch(q: string, f: SearchFilters): SearchState {
  const path = searchPath(q, f)
  const [asked, setAsked] = useState(path)
  useEffect(() => {
    if (path === null) return setAsked(null)
    const t = setTimeout(() => setAsked(path), DEBOUNCE_MS)
    return () => clearTimeout(t)
  }, [path])
  // Never fresh: words typed again are asked again (the brief may have been indexed since); the
  // cached answer shows meanwhile.
  const res = useApi<SearchHit[]>(path === null ? null : asked, { staleTime: 0 })
  const idle = path === null
  const typed = q.trim()
  // While the next answer comes, the last one shown stays, unless the field was emptied since.
  const shown = useRef<SearchHit[] | null>(null)
  if (idle) shown.current = null
  else if (res.data && asked === path) shown.current = res.data
  const hits = shown.current
  const failed = asked === path ? res.error : null
  // One state object per answer: the box resets its highlighted hit when the state changes.
  return useMemo<SearchState>(() => {
    if (idle) return { status: 'idle' }
    if (failed) return { status: 'error', message: failed.message }
    if (hits) return { status: 'done', hits, q: typed }
    return { status: 'loading' }
  }, [idle, failed, hits, typed])
}
