import { useRef, useState } from 'react'
import { CollabEditor } from '../../editor/collab-editor'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { MeView } from '../../../shared/schemas/auth'
import { briefDocName } from '../../../shared/doc-names'
import { BriefCycleBar } from './brief-cycle'
import { SubmittedBrief } from './submitted-brief'
import { useBriefCycle } from './use-brief-cycle'

/** The hub brief, co-edited live, with its status in the reporting cycle. */
export default function BriefTab({ hub, me, canWrite }: { hub: HubDetailView; me: MeView; canWrite: boolean }) {
  const cycle = useBriefCycle(hub.id)
  const [viewing, setViewing] = useState(false)
  const livingText = useRef<(() => string) | null>(null)
  return (
    <section aria-labelledby="brief-title">
      <h2 id="brief-title" className="sr-only">Hub brief</h2>
      <BriefCycleBar hubId={hub.id} me={me} cycle={cycle} viewing={viewing} onViewSubmitted={() => setViewing((v) => !v)} />
      {viewing && cycle.period && cycle.brief && cycle.brief.status !== 'draft' && (
        <SubmittedBrief hubId={hub.id} periodId={cycle.period.id} livingText={() => livingText.current?.() ?? null} />
      )}
      <CollabEditor docName={briefDocName(hub.id)} userName={me.name} readOnly={!canWrite} label="Hub brief" textRef={livingText} />
    </section>
  )
}
