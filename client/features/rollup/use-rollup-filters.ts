import { useState } from 'react'
import { usePeriods, type PeriodView } from '../../ui/periods'
import { currentHalfYear } from './periods'

/** The period the dashboard opens on: the one containing today, else the newest open one, else the newest. */
function openingPeriod(periods: readonly PeriodView[], today = new Date().toISOString().slice(0, 10)): PeriodView | undefined {
  return periods.find((p) => p.start <= today && today <= p.end) ?? periods.find((p) => !p.locked) ?? periods[0]
}

/**
 * The dashboard's period (a reporting period of the server, or custom dates) and its region and
 * theme filters. A reporting period is asked for by its id, so a locked one answers its frozen figures.
 */
export function useRollupFilters() {
  const { periods: loaded, error: periodsError } = usePeriods()
  const periods = loaded ?? []
  const [picked, setPeriodId] = useState<string | null>(null)
  const [custom, setCustom] = useState(() => currentHalfYear())
  const [region, setRegion] = useState('')
  const [theme, setTheme] = useState('')
  // Until the periods are known there is nothing to ask; without any (or when they fail), custom dates.
  const ready = loaded !== null || periodsError !== null
  const periodId = picked ?? (ready ? (openingPeriod(periods)?.id ?? 'custom') : '')
  const reporting = periods.find((p) => p.id === periodId) ?? null
  const period = reporting ? { from: reporting.start, to: reporting.end } : { from: custom.from, to: custom.to }
  const filters = { ...(region && { region }), ...(theme && { theme }) }
  /** The query both the roll-up and the report are asked with: the same figures in both. */
  const query: Record<string, string> | null = !ready ? null : reporting ? { period: reporting.id, ...filters } : { from: period.from, to: period.to, ...filters }
  return { periods, periodId, setPeriodId, reporting, custom, setCustom, region, setRegion, theme, setTheme, period, query }
}

export type RollupFilters = ReturnType<typeof useRollupFilters>
