import { useState } from 'react'
import { useT } from '../../i18n/provider'

/** A set-password link, shown once: only its hash is kept, so it cannot be shown again. */
export function OneTimeLink({ who, url }: { who: string; url: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const t = useT()
  const copy = () =>
    navigator.clipboard?.writeText(url).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    ) ?? setCopied('failed')
  return (
    <div className="notice" role="status" data-testid="one-time-link">
      <p>
        {t('admin.linkFor')} <strong>{who}</strong> {t('admin.linkValid')}
      </p>
      <div className="copy-row">
        <input readOnly value={url} aria-label={t('admin.linkLabel')} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()}>
          {t('admin.copy')}
        </button>
      </div>
      <p className="small" aria-live="polite">
        {copied === 'yes' ? t('admin.copied') : copied === 'failed' ? t('admin.copyFailed') : ''}
      </p>
    </div>
  )
}
