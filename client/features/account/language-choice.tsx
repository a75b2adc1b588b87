import { useState } from 'react'
import { request, type ApiError } from '../../api/request'
import { useSession } from '../../app/session'
import { LanguageSelect } from '../../i18n/language-select'
import { useT } from '../../i18n/provider'
import type { MeView } from '../../../shared/schemas/auth'
import type { Language } from '../../../shared/languages'

/** The language of the interface, saved in the account (`PUT /api/me/language`) and applied at once. */
export function LanguageChoice({ onError, onSaved }: { onError: (message: string) => void; onSaved: (id: 'account.languageSaved') => void }) {
  const { me, replaceMe } = useSession()
  const t = useT()
  const [busy, setBusy] = useState(false)
  const change = async (language: Language | null) => {
    setBusy(true)
    try {
      const user = await request<MeView>('PUT', '/api/me/language', { language })
      replaceMe(user)
      // Said in the language just chosen: the notice renders after the switch.
      onSaved('account.languageSaved')
    } catch (err) {
      onError((err as ApiError).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="panel" aria-labelledby="language-title">
      <h2 id="language-title">{t('account.languageTitle')}</h2>
      <LanguageSelect label={t('account.languageLabel')} value={me?.language ?? null} disabled={busy} onChange={(l) => void change(l)} />
      <p className="muted small">{t('account.languageHint')}</p>
    </section>
  )
}
