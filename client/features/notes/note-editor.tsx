import { useCallback, useState } from 'react'
import { useT } from '../../i18n/provider'
import { CollabEditor } from '../../editor/lazy-editor'
import type { MeView } from '../../../shared/schemas/auth'
import { parseDocName } from '../../../shared/doc-names'
import { canCommentOnDoc } from '../../../shared/access'
import type { Scope } from '../../../shared/scopes'
import type { Placement } from '../../editor/anchored-comments'
import { DocThreadPanel } from '../../comments/doc-thread-panel'
import { useDocThreads } from '../../comments/use-doc-threads'

/** A shared note, co-edited live, with the comments anchored to its passages (for its readers, per its scope). */
export function NoteEditor({ docName, title, scope, me, canWrite }: { docName: string; title: string; scope: Scope; me: MeView; canWrite: boolean }) {
  const doc = parseDocName(docName)
  const mayComment = !!doc && canCommentOnDoc(me, doc, scope)
  const threads = useDocThreads(docName, mayComment)
  const [placement, setPlacement] = useState<Placement>({})
  const t = useT()
  const [active, setActive] = useState<string | null>(() => new URLSearchParams(window.location.search).get('thread'))
  const onPlacement = useCallback((p: Placement) => setPlacement(p), [])
  return (
    <>
      <CollabEditor
        docName={docName}
        userName={me.name}
        readOnly={!canWrite}
        label={t('notes.editorLabel', { title })}
        comments={mayComment ? { threads: threads.threads ?? [], activeId: active, onPlacement, onCreate: threads.create } : undefined}
      />
      {mayComment && <DocThreadPanel data={threads} placement={placement} activeId={active} onActivate={setActive} label={t('notes.commentsLabel')} />}
    </>
  )
}
