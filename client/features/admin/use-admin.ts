import { useEffect, useRef, useState } from 'react'
import { request, ApiError } from '../../api/request'
import type { AdminUserView, AuditEventView } from '../../../shared/schemas/admin'

/** The administration's rows are the API's answers, typed once in shared/schemas. */
export type UserRow = AdminUserView
export type AuditRow = AuditEventView

export interface AuditFilter {
  action: string
  actor: string
  from: string
  to: string
}

/** The user list and its search. */
function useUsers(onError: (message: string) => void) {
  const [users, setUsers] = useState<UserRow[] | null>(null)
  const [q, setQ] = useState('')
  const load = () => request<UserRow[]>('GET', `/api/admin/users${q ? `?q=${encodeURIComponent(q)}` : ''}`).then(setUsers, (e: ApiError) => onError(e.message))
  useEffect(() => {
    void load()
  }, [q])
  return { users, q, setQ, load }
}

/** The audit trail and its filters. */
function useAuditTrail(onError: (message: string) => void) {
  const [audit, setAudit] = useState<AuditRow[] | null>(null)
  const [filter, setFilter] = useState<AuditFilter>({ action: '', actor: '', from: '', to: '' })
  const load = () => {
    const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v))
    return request<AuditRow[]>('GET', `/api/admin/audit?${params}`).then(setAudit, (e: ApiError) => onError(e.message))
  }
  useEffect(() => {
    void load()
  }, [filter])
  return { audit, filter, setFilter, load }
}

/** A change the admin asks for; it reports its outcome and reloads the users and the audit trail. */
export type Act = (fn: () => Promise<unknown>, done?: string) => Promise<void>

/**
 * What every administrative change does: clear the banners, run, report the outcome, reload.
 * @param reload what to read again afterwards
 * @param reloadAfterFailure also reload when the change failed (lists another admin may have changed)
 */
export function useAct(reload: () => Promise<unknown>, reloadAfterFailure = false) {
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const act: Act = async (fn, done) => {
    setError(null)
    setNotice(null)
    try {
      await fn()
      if (done) setNotice(done)
      if (!reloadAfterFailure) await reload()
    } catch (e) {
      setError((e as ApiError).message)
    }
    if (reloadAfterFailure) await reload()
  }
  return { error, setError, notice, act }
}

/** The administration's data, and what every change does. */
export function useAdmin() {
  const [link, setLink] = useState<{ who: string; url: string } | null>(null)
  // The lists are made below with the error setter the action hook provides: reached through a ref.
  const reload = useRef<() => Promise<unknown>>(async () => undefined)
  const { error, setError, notice, act } = useAct(() => reload.current())
  const users = useUsers(setError)
  const audit = useAuditTrail(setError)
  reload.current = () => Promise.all([users.load(), audit.load()])
  return { error, notice, link, setLink, users, audit, act }
}
