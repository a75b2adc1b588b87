import { useEffect, useState } from 'react'
import { request } from '../../api/request'
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

/** The hits for what is typed, fetched after a pause in typing; an older answer never replaces a newer one. */
export function useSearch(q: string, f: SearchFilters, version: number): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'idle' })
  useEffect(() => {
    const typed = q.trim()
    if (typed.length < 2) {
      setState({ status: 'idle' })
      return
    }
    setState((s) => (s.status === 'done' ? s : { status: 'loading' }))
    const params = new URLSearchParams({ q: typed, limit: '50' })
    if (f.hubId) params.set('hubId', f.hubId)
    if (f.kind) params.set('kind', f.kind)
    if (f.theme) params.set('theme', f.theme)
    if (f.period) {
      const [from, to] = f.period.split('/')
      params.set('from', from)
      params.set('to', to)
    }
    let live = true
    const t = setTimeout(() => {
      request<SearchHit[]>('GET', `/api/search?${params}`).then(
        (hits) => live && setState({ status: 'done', hits, q: typed }),
        (e: Error) => live && setState({ status: 'error', message: e.message }),
      )
    }, DEBOUNCE_MS)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [q, f.hubId, f.kind, f.theme, f.period, version])
  return state
}
