import { day, text, useUrlState } from '../../app/router'
import { usePeriods, type PeriodView } from '../../ui/periods'
import { currentHalfYear } from './periods'

/** The dashboard's query string: `period` (an id or `custom`), `from`/`to` for custom dates, `region`, `theme`. */
const RollupState = { period: text(64), from: day, to: day, region: text(100), theme: text(200) }

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
  // Every filter lives in the URL: a reload, Back or a shared link opens the same figures.
  const [url, setUrl] = useUrlState(RollupState)
  const picked = url.period ?? null
  const setPeriodId = (period: string) => setUrl({ period })
  const half = currentHalfYear()
  const custom = { from: url.from ?? half.from, to: url.to ?? half.to }
  const setCustom = (c: { from: string; to: string }) => setUrl({ from: c.from, to: c.to })
  const region = url.region ?? ''
  const setRegion = (region: string) => setUrl({ region })
  const theme = url.theme ?? ''
  const setTheme = (theme: string) => setUrl({ theme })
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
