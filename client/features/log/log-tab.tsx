import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { MeView } from '../../../shared/schemas/auth'
import { SyncIndicator } from '../../sync/sync-indicator'
import { useLog, useTaxonomy } from './use-log'
import { ExchangeFeed } from './exchange-feed'
import { ActionTable } from './action-table'
import { useState } from 'react'
import { ThreadPanel } from '../../comments/thread-panel'
import { itemIdOf, useCommentCounts } from '../../comments/use-comment-counts'
import { authoringMission } from '../../../shared/access'

/** Exchanges or actions of a hub, live from its log document. */
export default function LogTab({ hub, me, canWrite, kind }: { hub: HubDetailView; me: MeView; canWrite: boolean; kind: 'exchange' | 'action' }) {
  const log = useLog(hub.id)
  const taxonomy = useTaxonomy()
  const mission = authoringMission(me, hub.id)
  const counts = useCommentCounts(hub.id)
  const [thread, setThread] = useState<string | null>(null)
  const discuss = { counts, onDiscuss: (entryId: string) => setThread(itemIdOf(hub.id, kind, entryId)) }
  return (
    <section aria-label={kind === 'exchange' ? 'Information exchanges' : 'Action log'}>
      <div className="editor-bar">
        <SyncIndicator open={log.open} />
      </div>
      {!canWrite && (
        <p className="notice" role="note">
          Read-only: HQ reviewers see the log live but cannot change it.
        </p>
      )}
      {log.open && kind === 'exchange' && (
        <ExchangeFeed doc={log.open.doc} items={log.exchanges} hub={hub} me={me} mission={mission} canWrite={canWrite} taxonomy={taxonomy} {...discuss} />
      )}
      {log.open && kind === 'action' && (
        <ActionTable doc={log.open.doc} items={log.actions} hub={hub} me={me} mission={mission} canWrite={canWrite} taxonomy={taxonomy} {...discuss} />
      )}
      {thread && <ThreadPanel itemId={thread} onClose={() => setThread(null)} />}
    </section>
  )
}
