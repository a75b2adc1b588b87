import { CollabEditor } from '../../editor/collab-editor'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { MeView } from '../../../shared/schemas/auth'
import { briefDocName } from '../../../shared/doc-names'

/** The hub brief, co-edited live. */
export default function BriefTab({ hub, me, canWrite }: { hub: HubDetailView; me: MeView; canWrite: boolean }) {
  return (
    <section aria-labelledby="brief-title">
      <h2 id="brief-title" className="sr-only">Hub brief</h2>
      <CollabEditor docName={briefDocName(hub.id)} userName={me.name} readOnly={!canWrite} label="Hub brief" />
    </section>
  )
}
