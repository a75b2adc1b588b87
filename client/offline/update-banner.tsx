import { useEffect, useState } from 'react'
import { registerSW } from 'virtual:pwa-register'
import { whenFlushed } from '../sync/provider'
import { useT } from '../i18n/provider'

let needRefresh = false
const listeners = new Set<() => void>()
let update: ((reload?: boolean) => Promise<void>) | null = null

/**
 * Registers the service worker (it keeps the app's code for offline use). A new version waits
 * until the person chooses to reload: the app is never reloaded under someone's fingers.
 */
export function startServiceWorker(after: Promise<unknown> = Promise.resolve()): void {
  if (!('serviceWorker' in navigator)) return
  // Its first install fetches every chunk and image of the app from the same server, over the
  // same connections: `after` holds it back until the page the person opened is ready.
  void after.catch(() => {}).then(register)
}

function register(): void {
  update = registerSW({
    immediate: true,
    onNeedRefresh() {
      needRefresh = true
      listeners.forEach((l) => l())
    },
  })
}

/** "A new version is ready — reload", shown once a new version of the app has been fetched. */
export function UpdateBanner() {
  const t = useT()
  const [ready, setReady] = useState(needRefresh)
  useEffect(() => {
    const l = () => setReady(needRefresh)
    listeners.add(l)
    return () => void listeners.delete(l)
  }, [])
  if (!ready) return null
  return (
    <div className="notice update" role="status" data-testid="update-ready">
      {t('update.ready')}{' '}
      <button
        type="button"
        onClick={() =>
          // What was typed reaches the server (or at least IndexedDB) before the page goes.
          void whenFlushed().then(() => update?.(true))
        }
      >
        {t('update.reload')}
      </button>
    </div>
  )
}
