import { useState } from 'react'
import { invalidateApi, useApi } from '../../api/query'
import type { AdminUserView, AuditEventView } from '../../../shared/schemas/admin'
import type { HubSummaryView } from '../../../shared/schemas/hubs'

/** The administration's rows are the API's answers, typed once in shared/schemas. */
export type UserRow = AdminUserView
export type AuditRow = AuditEventView

/** The administration's reads, through the query cache (a section opened again shows at once). */
export const USERS = '/api/admin/users'
export const HUBS = '/api/hubs'
export const AUDIT = '/api/admin/audit'
export const PERIODS = '/api/periods'
export const useUsers = () => useApi<UserRow[]>(USERS)
export const useHubs = () => useApi<HubSummaryView[]>(HUBS)

/** A change the admin asks for; it reports its outcome and refreshes what it changed. */
export type Act = (fn: () => Promise<unknown>, done?: string) => Promise<void>

/**
 * What every administrative change does: clear the banners, run, report the outcome in words (the
 * ApiError's message is already the human one), then mark stale what it changed — the lists it
 * names and the audit trail, after a failure too (another admin may have changed the list).
 */
export function useAct(...changes: string[]) {
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const act: Act = async (fn, done) => {
    setError(null)
    setNotice(null)
    try {
      await fn()
      if (done) setNotice(done)
    } catch (e) {
      setError((e as Error).message)
    }
    await Promise.all([...changes, AUDIT].map((p) => invalidateApi(p)))
  }
  return { error, setError, notice, act }
}
