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

/** Exchanges or actions of a hub, live from its log documents (the hub-only one for its members). */
export default function LogTab({ hub, me, canWrite, kind }: { hub: HubDetailView; me: MeView; canWrite: boolean; kind: 'exchange' | 'action' }) {
  const log = useLog(hub.id, me)
  const taxonomy = useTaxonomy()
  const mission = authoringMission(me, hub.id)
  const counts = useCommentCounts(hub.id)
  const [thread, setThread] = useState<string | null>(null)
  const discuss = { counts, onDiscuss: (entryId: string) => setThread(itemIdOf(hub.id, kind, entryId)) }
  return (
    <section aria-label={kind === 'exchange' ? 'Information exchanges' : 'Action log'}>
      <div className="editor-bar">
        <SyncIndicator open={[log.docs?.shared ?? null, log.docs?.hubOnly ?? null]} />
      </div>
      {!canWrite && (
        <p className="notice" role="note">
          Read-only: HQ reviewers see the log live but cannot change it.
        </p>
      )}
      {log.docs && kind === 'exchange' && (
        <ExchangeFeed docs={log.docs} items={log.exchanges} hub={hub} me={me} mission={mission} canWrite={canWrite} taxonomy={taxonomy} {...discuss} />
      )}
      {log.docs && kind === 'action' && (
        <ActionTable docs={log.docs} items={log.actions} hub={hub} me={me} mission={mission} canWrite={canWrite} taxonomy={taxonomy} {...discuss} />
      )}
      {thread && <ThreadPanel itemId={thread} onClose={() => setThread(null)} />}
    </section>
  )
}
