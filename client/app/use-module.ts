import { useEffect, useState } from 'react'
import { retryWhenOnline } from '../offline/when-online'

const loaded = new Map<() => Promise<unknown>, unknown>()
const loading = new Map<() => Promise<unknown>, Promise<unknown>>()

/** Starts loading a code-split module now (e.g. while the data it needs is still being fetched). */
export function preload<T>(loader: () => Promise<T>): Promise<T> {
  let p = loading.get(loader) as Promise<T> | undefined
  if (!p) {
    p = loader().then(
      (m) => {
        loaded.set(loader, m)
        return m
      },
      (err: unknown) => {
        // Not kept: a chunk that failed to load (the link dropped) is fetched again next time.
        loading.delete(loader)
        throw err
      },
    )
    loading.set(loader, p)
  }
  return p
}

/**
 * A code-split module, or null until it has loaded. Used instead of React.lazy + Suspense because
 * React holds a revealed Suspense boundary back for up to 300 ms, which showed as a pause before
 * the editor on every cold load. Nothing is fetched until `wanted`. A chunk that fails to load
 * (the link dropped while it loaded) is asked again when the link returns.
 */
export function useModule<T>(loader: () => Promise<T>, wanted = true): T | null {
  const [mod, setMod] = useState<T | null>(() => (loaded.get(loader) as T | undefined) ?? null)
  useEffect(() => {
    const ready = loaded.get(loader) as T | undefined
    if (ready) {
      setMod(() => ready)
      return
    }
    if (!wanted) return
    let live = true
    const stop = retryWhenOnline(() => preload(loader).then((m) => live && setMod(() => m)))
    return () => {
      live = false
      stop()
    }
  }, [loader, wanted])
  return mod
}
