import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { MeView } from '../../../shared/schemas/auth'
import { SyncIndicator } from '../../sync/sync-indicator'
import { useLog, useTaxonomy } from './use-log'
import { ExchangeFeed } from './exchange-feed'
import { ActionTable } from './action-table'

/** Exchanges or actions of a hub, live from its log document. */
export default function LogTab({ hub, me, canWrite, kind }: { hub: HubDetailView; me: MeView; canWrite: boolean; kind: 'exchange' | 'action' }) {
  const log = useLog(hub.id)
  const taxonomy = useTaxonomy()
  const mission = me.memberships.find((m) => m.hubId === hub.id)?.mission ?? 'EU'
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
        <ExchangeFeed doc={log.open.doc} items={log.exchanges} hub={hub} me={me} mission={mission} canWrite={canWrite} taxonomy={taxonomy} />
      )}
      {log.open && kind === 'action' && (
        <ActionTable doc={log.open.doc} items={log.actions} hub={hub} me={me} mission={mission} canWrite={canWrite} taxonomy={taxonomy} />
      )}
    </section>
  )
}
