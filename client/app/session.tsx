import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { request, whenSignedOut } from '../api/request'
import type { LoginView, MeView } from '../../shared/schemas/auth'
import { membershipOf } from '../../shared/access'
import { deleteCopies, setCopyOwner } from '../sync/local-copies'
import { closeAllDocs, whenFlushed } from '../sync/provider'
import { forgetKept, isNetworkFailure, keepMe, keptMe } from '../offline/kept-answers'
import { forgetPendingLogout, logoutPending, retryLogoutWhenOnline, sendLogout } from './pending-logout'
import { t } from '../i18n/intl'
import { keepLanguage, keptLanguage } from '../i18n/language'

interface SessionState {
  me: MeView | null
  loading: boolean
  /** Set when the session ended while the person was working: local edits are kept. */
  expired: boolean
  /** Set when the server could not be reached at start: `me` is the person kept from last time. */
  localSince: string | null
  refresh(): Promise<void>
  signIn(email: string, password: string): Promise<void>
  /** Ends the session here at once (even offline) and deletes this person's offline copies. */
  signOut(): Promise<void>
  /** Takes the person as the server now answers it (after a change to the account, e.g. its language). */
  replaceMe(me: MeView): void
}

/**
 * A language picked on the sign-in page is kept on this browser until someone signs in; it then
 * becomes the account's when the account has none yet (an account's own choice wins).
 */
async function adoptPickedLanguage(user: MeView): Promise<MeView> {
  const picked = keptLanguage()
  if (!picked) return user
  keepLanguage(null)
  if (user.language !== null) return user
  return request<MeView>('PUT', '/api/me/language', { language: picked }).catch(() => user)
}

const SessionContext = createContext<SessionState | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeView | null>(null)
  const [loading, setLoading] = useState(true)
  const [expired, setExpired] = useState(false)
  const [localSince, setLocalSince] = useState<string | null>(null)
  const refresh = useCallback(async () => {
    let pending = false
    try {
      // Signed out while offline: the server must hear it before anyone is shown as signed in.
      pending = logoutPending()
      if (pending && !(await sendLogout())) throw new Error('sign-out not yet sent')
      // Back from an identity provider's sign-in: the language picked before it is adopted here.
      const user = await adoptPickedLanguage(await request<MeView>('GET', '/api/me'))
      keepMe(user)
      setCopyOwner(user.id)
      setMe(user)
      setExpired(false)
      setLocalSince(null)
    } catch (err) {
      // No network: the person kept from last time works on this browser's copies (never after a sign-out).
      const kept = !pending && isNetworkFailure(err) ? keptMe<MeView>() : null
      if (kept) {
        setCopyOwner(kept.data.id)
        setMe(kept.data)
        setLocalSince(kept.savedAt)
      } else {
        // At start a 401 means "not signed in", not "the session ended while working".
        setMe(null)
        setLocalSince(null)
      }
      setExpired(false)
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void refresh()
  }, [refresh])
  // "Your session ended" is for someone who was signed in here: a first visit just shows the sign-in.
  const wasSignedIn = useRef(false)
  if (me) wasSignedIn.current = true
  useEffect(() => whenSignedOut(() => wasSignedIn.current && setExpired(true)), [])
  useEffect(retryLogoutWhenOnline, [])
  // Opened offline: the server says who is signed in once the link returns.
  useEffect(() => {
    if (!localSince) return
    // `online` may never fire (the browser may think it never went offline): asked every 5 s too.
    const again = () => void refresh()
    window.addEventListener('online', again)
    const timer = setInterval(again, 5000)
    return () => {
      clearInterval(timer)
      window.removeEventListener('online', again)
    }
  }, [localSince, refresh])
  const signIn = async (email: string, password: string) => {
    const res = await request<LoginView>('POST', '/api/auth/login', { email, password })
    // Signing in replaces the browser's previous session on the server: nothing left to send.
    forgetPendingLogout()
    keepMe(res.user)
    res.user = await adoptPickedLanguage(res.user)
    // Someone else after an expired session: the first person's copies stay closed (and kept for
    // them); they are never synced over this person's session.
    setCopyOwner(res.user.id)
    setMe(res.user)
    setExpired(false)
    setLocalSince(null)
  }
  const signOut = async () => {
    const leaving = me
    await whenFlushed()
    await closeAllDocs()
    setCopyOwner(null)
    setMe(null)
    wasSignedIn.current = false
    setExpired(false)
    setLocalSince(null)
    if (leaving) forgetKept(leaving.id)
    if (leaving) await deleteCopies(leaving.id)
    // Offline, this fails and stays pending: retried when online and before the next start.
    void sendLogout()
  }
  const replaceMe = (user: MeView) => {
    keepMe(user)
    setMe(user)
  }
  return (
    <SessionContext.Provider value={{ me, loading, expired, localSince, refresh, signIn, signOut, replaceMe }}>{children}</SessionContext.Provider>
  )
}

export function useSession(): SessionState {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside SessionProvider')
  return s
}

/** How the person's role reads in the header. */
export function roleLabel(me: MeView, hubId?: string): string {
  if (me.role === 'hq') return t('role.hqReadOnly')
  if (me.role === 'cyber') return t('role.cyber')
  if (me.role === 'admin') return t('role.admin')
  const m = hubId ? membershipOf(me, hubId) : undefined
  if (m) return `${m.coordinator ? t('role.hubCoordinator') : t('role.hubMember')} · ${m.mission === 'EU' ? t('role.euDelegation') : t('role.embassy', { mission: m.mission })}`
  return t('role.hubStaff')
}
