import { useEffect, useState, type FormEvent } from 'react'
import { useSession } from '../app/session'
import { ApiError, request } from '../api/request'
import { ErrorBanner } from '../ui/error-banner'
import { useLanguage, useT } from '../i18n/provider'
import { LanguageSelect } from '../i18n/language-select'

/** Sign in. Errors are shown as text the person can act on. */
export function LoginPage({ expired }: { expired?: boolean }) {
  const { signIn } = useSession()
  const t = useT()
  const { kept, pickSignedOut } = useLanguage()
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
      setError(err instanceof ApiError && err.status === 429 ? err.message : err instanceof ApiError && err.status !== 0 ? t('login.wrong') : t('login.unreachable'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <main className="login" id="main">
      {/* Before anyone is known: the browser's language, or the one picked here (kept until sign-in). */}
      <LanguageSelect className="login-language small" label={t('login.language')} value={kept} onChange={pickSignedOut} />
      <h1>{t('app.name')}</h1>
      <p className="muted">{t('login.tagline')}</p>
      {expired && (
        <p className="notice" role="alert">
          {t('login.expired')}
        </p>
      )}
      {methods && methods.providers.length > 0 && (
        <ul className="sso-providers" aria-label={t('login.withOrganisation')}>
          {methods.providers.map((p) => (
            <li key={p.id}>
              {/* A navigation, not a fetch: the identity provider's pages open in this window. */}
              <a className="button primary" href={p.startUrl}>
                {t('login.withProvider', { name: p.name })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {methods?.password !== false && (
      <form onSubmit={handleSubmit} aria-label={t('login.form')}>
        <label>
          {t('login.email')}
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          {t('login.password')}
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorBanner message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
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
