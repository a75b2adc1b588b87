import { useState, type FormEvent } from 'react'
import { request, ApiError } from '../../api/request'
import { invalidateApi, useApi } from '../../api/query'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import type { SessionView } from '../../../shared/schemas/auth'
import { MailPreferences } from './mail-preferences'
import { formatDateTimeZone } from '../../ui/format'
import { LanguageChoice } from './language-choice'
import { useT } from '../../i18n/provider'
import type { MessageId } from '../../i18n/intl'

type SessionRow = SessionView

/** The person's own account (`/account`): the interface language, the password, their e-mail, their sessions. */
export default function AccountPage() {
  const sessionsQ = useApi<SessionRow[]>('/api/me/sessions')
  const sessions = sessionsQ.data ?? null
  const [pw, setPw] = useState({ current: '', next: '' })
  const [error, setError] = useState<string | null>(null)
  // An id, not a text: a notice given just before a change of language reads in the new one.
  const [notice, setNotice] = useState<MessageId | null>(null)
  const t = useT()
  // Changing the password ends the other sessions; signing out elsewhere ends one.
  const load = () => invalidateApi('/api/me/sessions')
  const handlePassword = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setNotice(null)
    try {
      await request('POST', '/api/me/password', pw)
      setPw({ current: '', next: '' })
      setNotice('account.pwChanged')
      await load()
    } catch (err) {
      setError((err as ApiError).message)
    }
  }
  return (
    <main id="main" className="page">
      <h1>{t('account.title')}</h1>
      <ErrorBanner message={error ?? sessionsQ.error?.message ?? null} />
      <NoticeBanner message={notice && t(notice)} />
      <LanguageChoice onError={setError} onSaved={(id) => (setError(null), setNotice(id))} />
      <section className="panel" aria-labelledby="pw-title">
        <h2 id="pw-title">{t('account.pwTitle')}</h2>
        <form onSubmit={handlePassword} aria-label={t('account.pwTitle')}>
          <label>
            {t('account.pwCurrent')}
            <input type="password" autoComplete="current-password" required value={pw.current} onChange={(e) => setPw({ ...pw, current: e.target.value })} />
          </label>
          <label>
            {t('account.pwNew')}
            <input type="password" autoComplete="new-password" required minLength={8} value={pw.next} onChange={(e) => setPw({ ...pw, next: e.target.value })} />
          </label>
          <button type="submit" className="primary">
            {t('account.pwTitle')}
          </button>
        </form>
      </section>
      <MailPreferences onError={setError} />
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('account.sessionsTitle')}</h2>
        <ul className="plain" data-testid="sessions">
          {sessions?.map((s) => (
            <li key={s.id}>
              <strong>{s.current ? t('account.thisBrowser') : (s.userAgent ?? t('account.unknownBrowser')).slice(0, 80)}</strong>{' '}
              <span className="muted small">
                {t('account.sessionLine', { ip: s.ip ?? '?', created: formatDateTimeZone(s.createdAt), seen: formatDateTimeZone(s.lastSeenAt) })}
              </span>{' '}
              {!s.current && (
                <button type="button" onClick={() => void request('DELETE', `/api/me/sessions/${s.id}`).then(load, (e: ApiError) => setError(e.message))}>
                  {t('account.signOutThere')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </main>
  )
}
