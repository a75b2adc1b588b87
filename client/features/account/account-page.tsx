import { useEffect, useState, type FormEvent } from 'react'
import { request, ApiError } from '../../api/request'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import type { SessionView } from '../../../shared/schemas/auth'
import { MailPreferences } from './mail-preferences'
import { formatDateTimeZone } from '../../ui/format'

type SessionRow = SessionView

/** The person's own account (`/account`): change the password, choose their e-mail, see and end their sessions. */
export default function AccountPage() {
  const [sessions, setSessions] = useState<SessionRow[] | null>(null)
  const [pw, setPw] = useState({ current: '', next: '' })
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const load = () => request<SessionRow[]>('GET', '/api/me/sessions').then(setSessions, (e: ApiError) => setError(e.message))
  useEffect(() => {
    void load()
  }, [])
  const handlePassword = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setNotice(null)
    try {
      await request('POST', '/api/me/password', pw)
      setPw({ current: '', next: '' })
      setNotice('Password changed. Your other sessions were signed out.')
      await load()
    } catch (err) {
      setError((err as ApiError).message)
    }
  }
  return (
    <main id="main" className="page">
      <h1>My account</h1>
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      <section className="panel" aria-labelledby="pw-title">
        <h2 id="pw-title">Change password</h2>
        <form onSubmit={handlePassword} aria-label="Change password">
          <label>
            Current password
            <input type="password" autoComplete="current-password" required value={pw.current} onChange={(e) => setPw({ ...pw, current: e.target.value })} />
          </label>
          <label>
            New password (at least 8 characters)
            <input type="password" autoComplete="new-password" required minLength={8} value={pw.next} onChange={(e) => setPw({ ...pw, next: e.target.value })} />
          </label>
          <button type="submit" className="primary">
            Change password
          </button>
        </form>
      </section>
      <MailPreferences onError={setError} />
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where I am signed in</h2>
        <ul className="plain" data-testid="sessions">
          {sessions?.map((s) => (
            <li key={s.id}>
              <strong>{s.current ? 'This browser' : (s.userAgent ?? 'Unknown browser').slice(0, 80)}</strong>{' '}
              <span className="muted small">
                from {s.ip ?? '?'} · signed in {formatDateTimeZone(s.createdAt)} · last active {formatDateTimeZone(s.lastSeenAt)}
              </span>{' '}
              {!s.current && (
                <button type="button" onClick={() => void request('DELETE', `/api/me/sessions/${s.id}`).then(load, (e: ApiError) => setError(e.message))}>
                  Sign out there
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </main>
  )
}
