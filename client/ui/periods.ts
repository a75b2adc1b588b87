import { useCallback } from 'react'
import { invalidateApi, useApi } from '../api/query'
import type { PeriodView } from '../../shared/schemas/periods'
import type { BriefStatus } from '../../shared/schemas/periods'
import { formatDay } from './format'
import { t } from '../i18n/intl'

export type { PeriodView }

/** The server's reporting periods, newest first (the order the API answers in). */
export function usePeriods() {
  const q = useApi<PeriodView[]>('/api/periods')
  // After a change (an admin adds, locks or reopens one), every reader of the periods refreshes.
  const reload = useCallback(() => invalidateApi('/api/periods'), [])
  return { periods: q.data ?? null, error: q.error?.message ?? null, reload }
}

/** A day (`2026-06-30` or an instant) as people read it, in UTC so everyone sees the same day. */
export function dayLabel(day: string): string {
  return formatDay(day)
}

/** How a period reads in a picker: its id and dates, and for a locked one the day its figures froze. */
export function periodOptionLabel(p: PeriodView, lockedOn?: string | null): string {
  const dates = `${dayLabel(p.start)} – ${dayLabel(p.end)}`
  if (!p.locked) return t('period.option', { id: p.id, dates })
  return lockedOn ? t('period.optionLockedOn', { id: p.id, dates, day: dayLabel(lockedOn) }) : t('period.optionLocked', { id: p.id, dates })
}

/** The newest period still open, else the newest one (the brief tab's default). */
export function defaultPeriod(periods: readonly PeriodView[]): PeriodView | undefined {
  return periods.find((p) => !p.locked) ?? periods[0]
}

/** A brief's status in words. */
export const briefStatusLabel = (s: BriefStatus): string => t(`brief.status.${s}`)
