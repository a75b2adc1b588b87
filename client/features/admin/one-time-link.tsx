import { useState } from 'react'

/** A set-password link, shown once: only its hash is kept, so it cannot be shown again. */
export function OneTimeLink({ who, url }: { who: string; url: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const copy = () =>
    navigator.clipboard?.writeText(url).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    ) ?? setCopied('failed')
  return (
    <div className="notice" role="status" data-testid="one-time-link">
      <p>
        One-time link for <strong>{who}</strong> (valid 7 days, shown only now — send it to the person):
      </p>
      <div className="copy-row">
        <input readOnly value={url} aria-label="One-time set-password link" onFocus={(e) => e.target.select()} />
        <button type="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p className="small" aria-live="polite">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser did not allow copying: select the link and copy it by hand.' : ''}
      </p>
    </div>
  )
}
