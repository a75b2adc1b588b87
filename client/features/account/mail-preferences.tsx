import { useEffect } from 'react'
import { request, type ApiError } from '../../api/request'
import { apiKey, queryClient, useApi } from '../../api/query'
import { useT } from '../../i18n/provider'
import { MAIL_KINDS, type MailKind, type MailMode } from '../../../shared/mail-kinds'
import type { MailPreferencesView } from '../../../shared/schemas/mail'

const MODES: MailMode[] = ['immediate', 'digest', 'never']

/** The person's e-mail choices per kind (`GET/PUT /api/me/mail`), saved as soon as one changes. */
export function MailPreferences({ onError }: { onError: (message: string) => void }) {
  const t = useT()
  const q = useApi<MailPreferencesView>('/api/me/mail')
  const view = q.data ?? null
  const failed = q.error?.message
  useEffect(() => {
    if (failed) onError(failed)
  }, [failed, onError])
  // The PUT answers the whole view: it becomes the cached one.
  const change = (kind: MailKind, mode: MailMode) =>
    request<MailPreferencesView>('PUT', '/api/me/mail', { preferences: { [kind]: mode } }).then(
      (v) => queryClient.setQueryData(apiKey('/api/me/mail'), v),
      (e: ApiError) => onError(e.message),
    )
  if (!view) return null
  return (
    <section className="panel" aria-labelledby="mail-title">
      <h2 id="mail-title">{t('mail.title')}</h2>
      {!view.enabled && <p className="muted">{t('mail.disabled')}</p>}
      <p className="muted small">{t('mail.privacy')}</p>
      <table className="mail-preferences">
        <thead>
          <tr>
            <th scope="col">{t('mail.tellMe')}</th>
            <th scope="col">{t('mail.byEmail')}</th>
          </tr>
        </thead>
        <tbody>
          {MAIL_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">
                <label htmlFor={`mail-${kind}`}>{t(`mail.kind.${kind}`)}</label>
              </th>
              <td>
                <select id={`mail-${kind}`} value={view.preferences[kind]} onChange={(e) => void change(kind, e.target.value as MailMode)}>
                  {MODES.map((m) => (
                    <option key={m} value={m}>
                      {t(`mail.mode.${m}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
