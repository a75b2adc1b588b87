import { useState, type FormEvent } from 'react'
import { useSession } from '../app/session'
import { ApiError } from '../api/request'
import { ErrorBanner } from '../ui/error-banner'

/** Sign in. Errors are shown as text the person can act on. */
export function LoginPage({ expired }: { expired?: boolean }) {
  const { signIn } = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(email, password)
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? err.message : err instanceof ApiError ? 'Wrong email or password.' : 'Could not reach the server.')
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
    </main>
  )
}
