import { useMemo, useState } from 'react'
import { currentHalfYear, halfYears } from './periods'

/** The dashboard's period (a half-year or custom dates) and its region and theme filters. */
export function useRollupFilters() {
  const periods = useMemo(() => halfYears(), [])
  const [periodId, setPeriodId] = useState(() => currentHalfYear().id)
  const [custom, setCustom] = useState({ from: currentHalfYear().from, to: currentHalfYear().to })
  const [region, setRegion] = useState('')
  const [theme, setTheme] = useState('')
  const period = periodId === 'custom' ? { from: custom.from, to: custom.to } : periods.find((p) => p.id === periodId)!
  /** The query both the roll-up and the report are asked with: the same figures in both. */
  const query = { from: period.from, to: period.to, ...(region && { region }), ...(theme && { theme }) }
  return { periods, periodId, setPeriodId, custom, setCustom, region, setRegion, theme, setTheme, period, query }
}

export type RollupFilters = ReturnType<typeof useRollupFilters>
