import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { request, whenSignedOut } from '../api/request'
import type { LoginView, MeView } from '../../shared/schemas/auth'
import { membershipOf } from '../../shared/access'

interface SessionState {
  me: MeView | null
  loading: boolean
  /** Set when the session ended while the person was working: local edits are kept. */
  expired: boolean
  refresh(): Promise<void>
  signIn(email: string, password: string): Promise<void>
  signOut(): Promise<void>
}

const SessionContext = createContext<SessionState | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeView | null>(null)
  const [loading, setLoading] = useState(true)
  const [expired, setExpired] = useState(false)
  const refresh = useCallback(async () => {
    try {
      setMe(await request<MeView>('GET', '/api/me'))
      setExpired(false)
    } catch {
      setMe(null)
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void refresh()
  }, [refresh])
  useEffect(() => whenSignedOut(() => setExpired(true)), [])
  const signIn = async (email: string, password: string) => {
    const res = await request<LoginView>('POST', '/api/auth/login', { email, password })
    setMe(res.user)
    setExpired(false)
  }
  const signOut = async () => {
    await request('POST', '/api/auth/logout').catch(() => {})
    setMe(null)
  }
  return (
    <SessionContext.Provider value={{ me, loading, expired, refresh, signIn, signOut }}>{children}</SessionContext.Provider>
  )
}

export function useSession(): SessionState {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside SessionProvider')
  return s
}

/** How the person's role reads in the header. */
export function roleLabel(me: MeView, hubId?: string): string {
  if (me.role === 'hq') return 'read-only: HQ reviewer'
  if (me.role === 'cyber') return 'cyber ambassador'
  if (me.role === 'admin') return 'administrator'
  const m = hubId ? membershipOf(me, hubId) : undefined
  if (m) return `${m.coordinator ? 'hub coordinator' : 'hub member'} · ${m.mission === 'EU' ? 'EU delegation' : `embassy ${m.mission}`}`
  return 'hub staff'
}
