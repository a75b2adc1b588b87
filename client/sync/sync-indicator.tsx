import { useEffect, useState } from 'react'
import type { OpenDoc, SyncStatus } from './provider'

/** connected · syncing · offline — N changes waiting; and why the server refused, if it did. */
export function SyncIndicator({ open }: { open: OpenDoc | null }) {
  const [s, setS] = useState<SyncStatus | null>(open?.status() ?? null)
  useEffect(() => {
    if (!open) return
    setS(open.status())
    return open.onStatus(setS)
  }, [open])
  if (!s) return null
  const label =
    s.state === 'refused'
      ? s.refusal?.code === 4401
        ? 'signed out — sign in again; your local edits are kept'
        : `no access — ${s.refusal?.reason ?? 'refused'}`
      : s.state === 'offline'
        ? `offline — ${s.waiting} change${s.waiting === 1 ? '' : 's'} waiting`
        : s.state === 'connected'
          ? 'connected'
          : s.state === 'syncing'
            ? 'syncing'
            : `connecting${s.waiting ? ` — ${s.waiting} change${s.waiting === 1 ? '' : 's'} waiting` : ''}`
  return (
    <span className={`sync sync-${s.state}`} role="status" aria-live="polite" data-testid="sync-status">
      {label}
    </span>
  )
}
