import { useCallback, useEffect, useState } from 'react'
import { request, ApiError } from '../../api/request'
import type { Rollup } from '../../../shared/schemas/rollup'
import type { Taxonomy } from '../../../shared/taxonomy'
import type { RollupFilters } from './use-rollup-filters'

/** The roll-up for the filters, the taxonomy that labels its themes, and the regions to filter by. */
export function useRollupData({ query, region }: Pick<RollupFilters, 'query' | 'region'>) {
  const [rollup, setRollup] = useState<Rollup | null>(null)
  const [regions, setRegions] = useState<string[]>([])
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    request<Taxonomy>('GET', '/api/taxonomy').then(setTaxonomy, () => {})
  }, [])
  const key = query ? new URLSearchParams(query).toString() : ''
  useEffect(() => {
    if (!query) return
    setError(null)
    request<Rollup>('GET', `/api/rollup?${new URLSearchParams(query)}`).then(
      (r) => {
        setRollup(r)
        // The region list comes from an unfiltered answer, so picking a region keeps the others.
        if (!region) setRegions([...new Set(r.hubs.map((h) => h.region))].sort())
      },
      (e: ApiError) => setError(e.message),
    )
  }, [key])
  const themeLabel = useCallback((id: string) => taxonomy?.themes.find((t) => t.id === id)?.label ?? id, [taxonomy])
  return { rollup, regions, taxonomy, error, themeLabel }
}
