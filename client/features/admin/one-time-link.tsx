/** A set-password link, shown once: only its hash is kept, so it cannot be shown again. */
export function OneTimeLink({ who, url }: { who: string; url: string }) {
  return (
    <div className="notice" role="status" data-testid="one-time-link">
      <p>
        One-time link for <strong>{who}</strong> (valid 7 days, shown only now — send it to the person):
      </p>
      <input readOnly value={url} aria-label="One-time set-password link" onFocus={(e) => e.target.select()} />
    </div>
  )
}
