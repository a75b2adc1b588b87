/**
 * A sign-out the server has not heard of yet. The session cookie is httpOnly: only the server can
 * end the session, so a sign-out made offline is remembered here and sent when the network is back
 * (and before anything else when the app starts), else a reload would sign the previous person in.
 */
const KEY = 'hubwork:pending-logout'

export const logoutPending = () => localStorage.getItem(KEY) !== null

export function forgetPendingLogout(): void {
  localStorage.removeItem(KEY)
}

/** Tells the server; true once the session is ended there (a 401 means it already was). */
export async function sendLogout(): Promise<boolean> {
  localStorage.setItem(KEY, '1')
  try {
    // Not through request(): its 401 means "the session ended while working", not "signed out".
    const res = await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' })
    // 401: the session had ended already. Any other failure is kept for the next try.
    if (!res.ok && res.status !== 401) return false
    // Signed in through an identity provider that ends its own session too: the browser goes there.
    const endSessionUrl = res.status === 200 ? ((await res.json().catch(() => null)) as { endSessionUrl?: unknown } | null)?.endSessionUrl : null
    forgetPendingLogout()
    if (typeof endSessionUrl === 'string' && /^https?:\/\//.test(endSessionUrl)) window.location.assign(endSessionUrl)
  } catch {
    return false
  }
  return true
}

/** Retries a remembered sign-out whenever the browser comes back online. */
export function retryLogoutWhenOnline(): () => void {
  const retry = () => {
    if (logoutPending()) void sendLogout()
  }
  window.addEventListener('online', retry)
  return () => window.removeEventListener('online', retry)
}
