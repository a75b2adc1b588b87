import { useEffect, useState } from 'react'
import { diffWords, type Change } from 'diff'
import { useApi } from '../../api/query'
import type { BriefDetailView } from '../../../shared/schemas/periods'
import { ErrorBanner } from '../../ui/error-banner'
import { useT } from '../../i18n/provider'
import { formatNumber } from '../../ui/format'

/** Past this length a word diff in the browser gets slow (it is quadratic at worst): both texts are shown instead. */
const COMPARE_MAX = 20_000

/** The brief as it was submitted for a period, and what changed in the living brief since. */
export function SubmittedBrief({ hubId, periodId, livingText }: { hubId: string; periodId: string; livingText: () => string | null }) {
  const t = useT()
  const q = useApi<BriefDetailView>(`/api/hubs/${encodeURIComponent(hubId)}/briefs/${encodeURIComponent(periodId)}`)
  const frozen = q.data ?? null
  const error = q.error?.message ?? null
  const [changes, setChanges] = useState<Change[] | 'too-long' | null>(null)
  useEffect(() => setChanges(null), [hubId, periodId])
  const compare = () => {
    const now = livingText() ?? ''
    if (!frozen) return
    setChanges(frozen.text.length > COMPARE_MAX || now.length > COMPARE_MAX ? 'too-long' : diffWords(frozen.text, now))
  }
  return (
    <section className="panel" aria-labelledby="submitted-title" data-testid="submitted-brief">
      <h3 id="submitted-title">{t('brief.asSubmitted', { period: periodId })}</h3>
      <ErrorBanner message={error} />
      {!frozen && !error && <p className="muted">{t('common.loading')}</p>}
      {frozen && (
        <>
          {/* The text is shown as text (React escapes it); line breaks are kept by CSS. */}
          <div className="frozen-text user-text">{frozen.text || <span className="muted">{t('brief.empty')}</span>}</div>
          <p>
            <button type="button" onClick={compare}>
              {t('brief.compare')}
            </button>
          </p>
          {changes === 'too-long' && <p className="muted">{t('brief.tooLong', { max: formatNumber(COMPARE_MAX) })}</p>}
          {Array.isArray(changes) && (
            <div className="history-diff frozen-text" role="region" aria-label={t('brief.changesSince')} tabIndex={0} data-testid="brief-diff">
              {changes.every((c) => !c.added && !c.removed) ? (
                <span className="muted">{t('brief.noChange')}</span>
              ) : (
                changes.map((c, i) => (c.added ? <ins key={i}>{c.value}</ins> : c.removed ? <del key={i}>{c.value}</del> : <span key={i}>{c.value}</span>))
              )}
            </div>
          )}
        </>
      )}
    </section>
  )
}
