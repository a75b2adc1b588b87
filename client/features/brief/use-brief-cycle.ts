import { useCallback, useEffect, useState } from 'react'
import { request, ApiError } from '../../api/request'
import type { BriefStatusView } from '../../../shared/schemas/periods'
import { defaultPeriod, usePeriods } from '../../ui/periods'

/** How often the status is asked again while the tab is visible: HQ's answer shows up without a reload. */
const POLL_MS = 30_000

/** The period asked for in the address (`?period=`, from HQ's compliance view), if any. */
const periodInAddress = () => new URLSearchParams(window.location.search).get('period')

/**
 * A hub's brief per reporting period and what can be done with it. The status is re-read after
 * every action and, for what others do, polled every 30 s while the page is visible (no push
 * channel carries brief statuses; a 30 s delay is acceptable for a review cycle of weeks).
 */
export function useBriefCycle(hubId: string) {
  const { periods, error: periodsError } = usePeriods()
  const [picked, setPicked] = useState<string | null>(periodInAddress)
  const [briefs, setBriefs] = useState<BriefStatusView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const load = useCallback(
    () => request<BriefStatusView[]>('GET', `/api/hubs/${encodeURIComponent(hubId)}/briefs`).then(setBriefs, (e: ApiError) => setError(e.message)),
    [hubId],
  )
  useEffect(() => {
    void load()
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [load])
  const known = periods?.find((p) => p.id === picked)
  const period = known ?? (periods ? defaultPeriod(periods) : undefined)
  const brief = period ? (briefs?.find((b) => b.periodId === period.id) ?? null) : null
  /** Runs one step of the cycle (submit, acknowledge, return), then re-reads the status. */
  const act = async (step: 'submit' | 'acknowledge' | 'return', body: unknown, done: string) => {
    if (!period) return
    setError(null)
    setNotice(null)
    try {
      await request('POST', `/api/hubs/${encodeURIComponent(hubId)}/briefs/${encodeURIComponent(period.id)}/${step}`, body)
      setNotice(done)
    } catch (e) {
      setError((e as ApiError).message)
    }
    await load()
  }
  return { periods, period, setPeriodId: setPicked, brief, error: error ?? periodsError, notice, act }
}

export type BriefCycle = ReturnType<typeof useBriefCycle>
