import { useCallback, useRef } from 'react'
import { useLanguage } from '../../i18n/provider'
import { termText } from '../../i18n/terms'
import { keepPreviousData } from '@tanstack/react-query'
import { useApi } from '../../api/query'
import type { Rollup } from '../../../shared/schemas/rollup'
import type { Taxonomy } from '../../../shared/taxonomy'
import type { RollupFilters } from './use-rollup-filters'

/** The roll-up for the filters, the taxonomy that labels its themes, and the regions to filter by. */
export function useRollupData({ query, region }: Pick<RollupFilters, 'query' | 'region'>) {
  const taxonomy = useApi<Taxonomy>('/api/taxonomy', { staleTime: Infinity }).data ?? null
  // The figures of the previous filters stay on screen until the new ones arrive (no flash of "Loading…").
  const q = useApi<Rollup>(query ? `/api/rollup?${new URLSearchParams(query)}` : null, { placeholderData: keepPreviousData })
  const rollup = q.data ?? null
  // The region list comes from an unfiltered answer, so picking a region keeps the others.
  const regionsRef = useRef<string[]>([])
  if (rollup && !region && !q.isPlaceholderData) regionsRef.current = [...new Set(rollup.hubs.map((h) => h.region))].sort()
  const { language } = useLanguage()
  const themeLabel = useCallback((id: string) => {
    const term = taxonomy?.themes.find((t) => t.id === id)
    return term ? termText(term, language) : id
  }, [taxonomy, language])
  return { rollup, regions: regionsRef.current, taxonomy, error: q.error?.message ?? null, themeLabel }
}
