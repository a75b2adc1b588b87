/** A failure the person should know about at once: read out by screen readers as it appears. */
export function ErrorBanner({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <p className="error" role="alert">
      {message}
    </p>
  )
}

/** A confirmation of what just happened: announced politely, without interrupting. */
export function NoticeBanner({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <p className="notice" role="status">
      {message}
    </p>
  )
}
