import { useEffect, useState } from 'react'
import type { OpenDoc, SyncStatus } from './provider'
import { useT } from '../i18n/provider'

/** Worst first: what one indicator over several documents shows. */
const SEVERITY: SyncStatus['state'][] = ['refused', 'offline', 'connecting', 'syncing', 'connected']

/**
 * Several documents as one status: the worst state, the changes waiting in all of them, and the
 * first refusal (a view made of two documents is only as up to date as the less synced one).
 */
export function combineStatus(all: readonly SyncStatus[]): SyncStatus | null {
  if (all.length === 0) return null
  const worst = all.reduce((a, b) => (SEVERITY.indexOf(b.state) < SEVERITY.indexOf(a.state) ? b : a))
  return {
    state: worst.state,
    waiting: all.reduce((n, s) => n + s.waiting, 0),
    refusal: all.find((s) => s.refusal)?.refusal ?? null,
    transport: all.some((s) => s.transport === 'http') ? 'http' : 'websocket',
  }
}

const ids = new WeakMap<OpenDoc, number>()
let nextId = 0
const identity = (o: OpenDoc) => {
  if (!ids.has(o)) ids.set(o, ++nextId)
  return ids.get(o)!
}

/** connected · syncing · offline — N changes waiting; and why the server refused, if it did. */
export function SyncIndicator({ open }: { open: OpenDoc | null | readonly (OpenDoc | null)[] }) {
  const t = useT()
  const docs = (Array.isArray(open) ? open : [open]).filter((o): o is OpenDoc => o !== null)
  const read = () => combineStatus(docs.map((o) => o.status()))
  const [s, setS] = useState<SyncStatus | null>(read)
  // The documents are the dependency: a new array each render, so the effect keys on their identities.
  const key = docs.map(identity).join(' ')
  useEffect(() => {
    setS(read())
    const offs = docs.map((o) => o.onStatus(() => setS(read())))
    return () => offs.forEach((off) => off())
  }, [key])
  if (!s) return null
  const label =
    s.state === 'refused'
      ? s.refusal?.code === 4401
        ? t('sync.signedOut')
        : t('sync.noAccess', { reason: s.refusal?.reason ?? t('sync.refused') })
      : s.state === 'offline'
        ? t('sync.offline', { count: s.waiting })
        : s.state === 'connected'
          ? t('sync.connected')
          : s.state === 'syncing'
            ? t('sync.syncing')
            : s.waiting
              ? t('sync.connectingWaiting', { count: s.waiting })
              : t('sync.connecting')
  // Says so when the sync goes over plain HTTP: WebSockets are blocked on this network.
  const via = s.transport === 'http' && s.state !== 'refused' ? t('sync.overHttp') : ''
  return (
    <span className={`sync sync-${s.state}`} role="status" aria-live="polite" data-testid="sync-status">
      {label}
      {via}
    </span>
  )
}
