import { useEffect, useState } from 'react'
import { onLinkChange, serverUnreachable } from './when-online'
import { useT } from '../i18n/provider'
import { formatDateTime } from '../ui/format'

/** Whether the server can be reached now (as far as the browser and the last requests tell), kept up to date. */
export function useOnline(): boolean {
  const read = () => navigator.onLine && !serverUnreachable()
  const [online, setOnline] = useState(read)
  useEffect(() => {
    const update = () => setOnline(read())
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    const off = onLinkChange(update)
    return () => {
      off()
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [])
  return online
}

/**
 * What a tab shows while its code or data loads. Offline it says that it is not available offline
 * rather than "Loading…" forever; it loads by itself once the link returns (see when-online.ts).
 */
export function Loading() {
  const online = useOnline()
  const t = useT()
  return online ? (
    <p className="muted">{t('common.loading')}</p>
  ) : (
    <p className="muted" role="status" data-testid="not-offline">
      {t('offline.notAvailable')}
    </p>
  )
}

/** `Loading` as a whole page. */
export const PageLoading = () => (
  <main id="main" className="page">
    <Loading />
  </main>
)

/**
 * Says that what is shown is this browser's copy: the server could not be reached. Edits of the
 * brief, notes and log are kept here and sent when the link returns.
 */
export function LocalOnlyNotice({ savedAt }: { savedAt: string | null }) {
  const t = useT()
  if (!savedAt) return null
  return (
    <p className="notice" role="status" data-testid="local-only">
      {t('offline.localOnly', { when: formatDateTime(savedAt) })}
    </p>
  )
}
