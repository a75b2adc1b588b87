import type { HubDetailView } from '../../../shared/schemas/hubs'
import { useT } from '../../i18n/provider'
import type { MeView } from '../../../shared/schemas/auth'
import { SyncIndicator } from '../../sync/sync-indicator'
import { useLog, useTaxonomy } from './use-log'
import { ExchangeFeed } from './exchange-feed'
import { ActionTable } from './action-table'
import { useEffect, useRef } from 'react'
import { text, useUrlState } from '../../app/router'
import { entryAnchor } from '../../app/links'
import { UndoBar, usePendingDelete } from './pending-delete'
import type { Scope } from '../../../shared/scopes'
import { ThreadPanel } from '../../comments/thread-panel'
import { itemIdOf, useCommentCounts } from '../../comments/use-comment-counts'
import { authoringMission } from '../../../shared/access'

const LogState = { item: text(100), thread: text(5) }

/** Exchanges or actions of a hub, live from its log documents (the hub-only one for its members). */
export default function LogTab({ hub, me, canWrite, kind }: { hub: HubDetailView; me: MeView; canWrite: boolean; kind: 'exchange' | 'action' }) {
  const log = useLog(hub.id, me)
  const t = useT()
  const taxonomy = useTaxonomy()
  const mission = authoringMission(me, hub.id)
  const counts = useCommentCounts(hub.id)
  // `?item=` names the entry shown (a drill-down, inbox or shared link lands on it), `&thread=1` opens its comments.
  const [url, setUrl] = useUrlState(LogState)
  const thread = url.item && url.thread ? itemIdOf(hub.id, kind, url.item) : null
  const setThread = (entryId: string | null) => setUrl(entryId ? { item: entryId, thread: '1' } : { thread: null }, { replace: false })
  const discuss = { counts, onDiscuss: (entryId: string) => setThread(entryId), focusId: url.item }
  const deletion = usePendingDelete(log.docs)
  const hidden = deletion.pending?.id
  const exchanges = hidden ? log.exchanges.filter((e) => e.id !== hidden) : log.exchanges
  const actions = hidden ? log.actions.filter((e) => e.id !== hidden) : log.actions
  const onDelete = (entry: { id: string; title: string; scope: Scope }) => deletion.remove({ ...entry, kind })
  const entries = kind === 'exchange' ? log.exchanges : log.actions
  const found = !!url.item && entries.some((e) => e.id === url.item)
  const scrolled = useRef<string | null>(null)
  useEffect(() => {
    if (!found || !url.item || scrolled.current === url.item) return
    const el = document.getElementById(entryAnchor(url.item))
    if (!el) return
    scrolled.current = url.item
    el.scrollIntoView({ block: 'center' })
    if (!url.thread) el.focus({ preventScroll: true })
  }, [found, url.item, url.thread])
  return (
    <section aria-label={kind === 'exchange' ? t('log.exchanges') : t('log.actions')}>
      <div className="editor-bar">
        <SyncIndicator open={[log.docs?.shared ?? null, log.docs?.hubOnly ?? null]} />
      </div>
      {!canWrite && (
        <p className="notice" role="note">
          {t('log.readOnly')}
        </p>
      )}
      {log.docs && kind === 'exchange' && (
        <ExchangeFeed docs={log.docs} items={exchanges} hub={hub} me={me} mission={mission} canWrite={canWrite} taxonomy={taxonomy} {...discuss} onDelete={onDelete} />
      )}
      {log.docs && kind === 'action' && (
        <ActionTable docs={log.docs} items={actions} hub={hub} me={me} mission={mission} canWrite={canWrite} taxonomy={taxonomy} {...discuss} onDelete={onDelete} />
      )}
      {log.docs?.shared.provider.synced && url.item && !found && (
        <p className="notice" role="status">
          {t('log.gone', { kind })}
        </p>
      )}
      {deletion.pending && <UndoBar entry={deletion.pending} onUndo={deletion.undo} onDismiss={deletion.commit} />}
      {thread && <ThreadPanel itemId={thread} onClose={() => setThread(null)} />}
    </section>
  )
}
