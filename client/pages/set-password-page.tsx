import { useState, type FormEvent } from 'react'
import { useT } from '../i18n/provider'
import { request, ApiError } from '../api/request'
import { ErrorBanner } from '../ui/error-banner'

/** `/set-password?token=…`: the one-time link of an invitation or a reset. No session needed. */
export function SetPasswordPage() {
  const token = new URLSearchParams(window.location.search).get('token') ?? ''
  const t = useT()
  const [password, setPassword] = useState('')
  const [done, setDone] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      await request('POST', '/api/auth/set-password', { token, password })
      setDone(true)
    } catch (err) {
      setError((err as ApiError).message)
    }
  }
  return (
    <main className="login" id="main">
      <h1>{t('setPassword.title')}</h1>
      {done ? (
        <p role="status">
          {t('setPassword.done')} <a href="/">{t('login.submit')}</a>
        </p>
      ) : (
        <form onSubmit={handleSubmit} aria-label={t('setPassword.title')}>
          <label>
            {t('setPassword.new')}
            <input type="password" autoComplete="new-password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <ErrorBanner message={error} />
          <button type="submit" className="primary">
            {t('setPassword.submit')}
          </button>
        </form>
      )}
    </main>
  )
}
