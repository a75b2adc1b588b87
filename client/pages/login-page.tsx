import { useEffect, useState, type FormEvent } from 'react'
import { useSession } from '../app/session'
import { ApiError, request } from '../api/request'
import { ErrorBanner } from '../ui/error-banner'

/** Sign in. Errors are shown as text the person can act on. */
export function LoginPage({ expired }: { expired?: boolean }) {
  const { signIn } = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const methods = useSignInMethods()
  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(email, password)
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? err.message : err instanceof ApiError && err.status !== 0 ? 'Wrong email or password.' : 'Could not reach the server.')
    } finally {
      setBusy(false)
    }
  }
  return (
    <main className="login" id="main">
      <h1>Hubwork</h1>
      <p className="muted">The shared workspace of the EU digital hubs.</p>
      {expired && (
        <p className="notice" role="alert">
          Your session ended. Sign in again: the edits you made are kept in this browser and will sync. If someone
          else signs in here, your edits stay unsent, kept for you, until you sign in again.
        </p>
      )}
      {methods && methods.providers.length > 0 && (
        <ul className="sso-providers" aria-label="Sign in with your organisation">
          {methods.providers.map((p) => (
            <li key={p.id}>
              {/* A navigation, not a fetch: the identity provider's pages open in this window. */}
              <a className="button primary" href={p.startUrl}>
                Sign in with {p.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      {methods?.password !== false && (
      <form onSubmit={handleSubmit} aria-label="Sign in">
        <label>
          Email
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorBanner message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      )}
    </main>
  )
}

interface SignInMethods {
  password: boolean
  providers: { id: string; name: string; startUrl: string }[]
}

/** What this deployment offers (GET /api/auth/methods); null while loading or unreachable (the form shows). */
function useSignInMethods(): SignInMethods | null {
  const [methods, setMethods] = useState<SignInMethods | null>(null)
  useEffect(() => {
    let live = true
    request<SignInMethods>('GET', '/api/auth/methods').then(
      (m) => live && setMethods(m),
      () => {},
    )
    return () => {
      live = false
    }
  }, [])
  return methods
}
