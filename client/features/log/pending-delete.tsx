import { useCallback, useEffect, useRef, useState } from 'react'
import { useT } from '../../i18n/provider'
import { deleteItem } from '../../../shared/log-doc'
import type { LogDocs, Scoped } from './use-log'

/** How long a deleted entry can be brought back before the deletion is written. */
export const UNDO_MS = 10_000

type Entry = Scoped<{ id: string; title: string; kind: 'exchange' | 'action' }>

/**
 * Delete with undo: the entry disappears at once and "Undo" is offered; the deletion is written to
 * the log only when the offer ends (its time is up, it is dismissed, another entry is deleted or
 * the tab is left). Undo never has to rebuild an entry (whose author, mission and creation time
 * only the server's rules may set): until then nothing was deleted. A tab closed in that window
 * keeps the entry, the safe side. Deleted for good, it is still in the log's history.
 */
export function usePendingDelete(docs: LogDocs | null) {
  const [pending, setPending] = useState<Entry | null>(null)
  const ref = useRef<{ entry: Entry; docs: LogDocs; timer: ReturnType<typeof setTimeout> } | null>(null)
  const commit = useCallback(() => {
    const p = ref.current
    if (!p) return
    clearTimeout(p.timer)
    ref.current = null
    deleteItem(p.docs.docFor(p.entry.scope), p.entry.id)
    setPending(null)
  }, [])
  const remove = useCallback(
    (entry: Entry) => {
      if (!docs) return
      commit()
      ref.current = { entry, docs, timer: setTimeout(commit, UNDO_MS) }
      setPending(entry)
    },
    [docs, commit],
  )
  const undo = useCallback(() => {
    if (ref.current) clearTimeout(ref.current.timer)
    ref.current = null
    setPending(null)
  }, [])
  // Leaving the tab (or the page) writes a pending deletion.
  useEffect(() => {
    window.addEventListener('pagehide', commit)
    return () => {
      window.removeEventListener('pagehide', commit)
      commit()
    }
  }, [commit])
  return { pending, remove, undo, commit }
}

/** The "deleted — Undo" bar, announced politely; Undo takes the focus so Enter brings the entry back. */
export function UndoBar({ entry, onUndo, onDismiss }: { entry: Entry; onUndo: () => void; onDismiss: () => void }) {
  const t = useT()
  return (
    <div className="undo-bar" role="status" data-testid="undo-bar">
      <span>
        {t('log.deleted', { kind: entry.kind, title: entry.title || t('log.untitled') })}
      </span>
      <button type="button" className="primary" onClick={onUndo} autoFocus>
        {t('log.undo')}
      </button>
      <button type="button" onClick={onDismiss} aria-label={t('log.dismissLabel')}>
        {t('log.dismiss')}
      </button>
    </div>
  )
}
