import { useEffect, useState } from 'react'
import { request, type ApiError } from '../../api/request'
import { MAIL_KINDS, MAIL_KIND_LABELS, type MailKind, type MailMode, type MailPreferencesView } from '../../../shared/schemas/mail'

const MODE_LABELS: Record<MailMode, string> = { immediate: 'Immediately', digest: 'Daily digest', never: 'Never' }

/** The person's e-mail choices per kind (`GET/PUT /api/me/mail`), saved as soon as one changes. */
export function MailPreferences({ onError }: { onError: (message: string) => void }) {
  const [view, setView] = useState<MailPreferencesView | null>(null)
  useEffect(() => {
    request<MailPreferencesView>('GET', '/api/me/mail').then(setView, (e: ApiError) => onError(e.message))
  }, [onError])
  const change = (kind: MailKind, mode: MailMode) =>
    request<MailPreferencesView>('PUT', '/api/me/mail', { preferences: { [kind]: mode } }).then(setView, (e: ApiError) => onError(e.message))
  if (!view) return null
  return (
    <section className="panel" aria-labelledby="mail-title">
      <h2 id="mail-title">E-mail</h2>
      {!view.enabled && <p className="muted">This deployment sends no e-mail; your choices apply once it does.</p>}
      <p className="muted small">Mails name the item and link to it; they never carry the text of comments or records.</p>
      <table className="mail-preferences">
        <thead>
          <tr>
            <th scope="col">Tell me when</th>
            <th scope="col">By e-mail</th>
          </tr>
        </thead>
        <tbody>
          {MAIL_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">
                <label htmlFor={`mail-${kind}`}>{MAIL_KIND_LABELS[kind]}</label>
              </th>
              <td>
                <select id={`mail-${kind}`} value={view.preferences[kind]} onChange={(e) => void change(kind, e.target.value as MailMode)}>
                  {(Object.keys(MODE_LABELS) as MailMode[]).map((m) => (
                    <option key={m} value={m}>
                      {MODE_LABELS[m]}
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
