import { useState } from 'react'
import { request, ApiError } from '../../api/request'
import { invalidateApi, useApi } from '../../api/query'
import type { BriefStatusView } from '../../../shared/schemas/periods'
import { defaultPeriod, usePeriods } from '../../ui/periods'

/** The period asked for in the address (`?period=`, from HQ's compliance view), if any. */
const periodInAddress = () => new URLSearchParams(window.location.search).get('period')

/**
 * A hub's brief per reporting period and what can be done with it. The status is re-read after
 * every action and whenever the live channel says this hub's brief changed status (HQ's answer,
 * a coordinator's submission: the chip and HQ's note change without a reload; see
 * api/live-queries.ts), and once more when the channel reconnects.
 */
export function useBriefCycle(hubId: string) {
  const { periods, error: periodsError } = usePeriods()
  const [picked, setPicked] = useState<string | null>(periodInAddress)
  const path = `/api/hubs/${encodeURIComponent(hubId)}/briefs`
  const q = useApi<BriefStatusView[]>(path)
  const briefs = q.data ?? null
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const load = () => invalidateApi(path)
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
  return { periods, period, setPeriodId: setPicked, brief, error: error ?? q.error?.message ?? periodsError, notice, act }
}

export type BriefCycle = ReturnType<typeof useBriefCycle>
