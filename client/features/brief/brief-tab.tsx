import { useCallback, useRef, useState } from 'react'
import { CollabEditor } from '../../editor/lazy-editor'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { MeView } from '../../../shared/schemas/auth'
import { briefDocName, parseDocName } from '../../../shared/doc-names'
import { canCommentOnDoc } from '../../../shared/access'
import type { Placement } from '../../editor/anchored-comments'
import { DocThreadPanel } from '../../comments/doc-thread-panel'
import { openHqLabel, useDocThreads } from '../../comments/use-doc-threads'
import { BriefCycleBar } from './brief-cycle'
import { SubmittedBrief } from './submitted-brief'
import { useBriefCycle } from './use-brief-cycle'
import { useT } from '../../i18n/provider'
import { useFindPassage } from '../search/find-passage'

/** The thread asked for in the address (`?thread=`, from an inbox line), if any. */
const threadInAddress = () => new URLSearchParams(window.location.search).get('thread')

/** The hub brief, co-edited live, with its status in the reporting cycle and the comments on its passages. */
export default function BriefTab({ hub, me, canWrite }: { hub: HubDetailView; me: MeView; canWrite: boolean }) {
  const cycle = useBriefCycle(hub.id)
  const t = useT()
  const [viewing, setViewing] = useState(false)
  const livingText = useRef<(() => string) | null>(null)
  const docName = briefDocName(hub.id)
  const mayComment = canCommentOnDoc(me, parseDocName(docName)!)
  const threads = useDocThreads(docName, mayComment)
  const [placement, setPlacement] = useState<Placement>({})
  const [active, setActive] = useState<string | null>(threadInAddress)
  const onPlacement = useCallback((p: Placement) => setPlacement(p), [])
  // A search hit opens the brief at the passage it matched.
  const root = useRef<HTMLElement>(null)
  useFindPassage(root, docName)
  return (
    <section aria-labelledby="brief-title" ref={root}>
      <h2 id="brief-title" className="sr-only">{t('brief.title')}</h2>
      <BriefCycleBar hubId={hub.id} me={me} cycle={cycle} viewing={viewing} onViewSubmitted={() => setViewing((v) => !v)} />
      {mayComment && threads.threads && (
        <p className="small" data-testid="open-hq-comments">
          <a href="#doc-threads-title">{openHqLabel(threads.threads)}</a>
        </p>
      )}
      {viewing && cycle.period && cycle.brief && cycle.brief.status !== 'draft' && (
        <SubmittedBrief hubId={hub.id} periodId={cycle.period.id} livingText={() => livingText.current?.() ?? null} />
      )}
      <CollabEditor
        docName={docName}
        userName={me.name}
        readOnly={!canWrite}
        label={t('brief.title')}
        textRef={livingText}
        comments={mayComment ? { threads: threads.threads ?? [], activeId: active, onPlacement, onCreate: threads.create } : undefined}
      />
      {mayComment && <DocThreadPanel data={threads} placement={placement} activeId={active} onActivate={setActive} label={t('brief.commentsLabel')} />}
    </section>
  )
}
