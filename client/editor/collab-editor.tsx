import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react'
import { useT } from '../i18n/provider'
import type { Doc } from 'yjs'
import type { Provider } from '@lexical/yjs'
import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin'
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext'
import { EDITOR_NODES } from '../../shared/editor/nodes'
import { openDoc, type OpenDoc } from '../sync/provider'
import { claimEarlyDoc } from '../sync/early-doc'
import { SyncIndicator } from '../sync/sync-indicator'
import { Toolbar } from './toolbar'
import { PresenceBar } from './presence-bar'
import { openLink, validateUrl } from './link-url'
import { TextReader } from './text-reader'
import { AnchoredComments, type AnchoredCommentsProps } from './anchored-comments'
import { MarkdownShortcuts } from './markdown-shortcuts'
import { MentionNames, MentionsPlugin } from './mentions'

const COLORS = ['#0b5cad', '#a3367c', '#1b7f4c', '#b35c00', '#5b45b0', '#8a6d00']

/**
 * A Lexical rich-text editor bound to one collaboration document. Undo/redo is the
 * Yjs UndoManager of CollaborationPlugin: it undoes only this person's edits.
 */
export function CollabEditor({
  docName,
  userName,
  readOnly,
  label,
  textRef,
  comments,
}: {
  docName: string
  userName: string
  readOnly: boolean
  label: string
  /** Set to a reader of the document's plain text while the editor is mounted. */
  textRef?: MutableRefObject<(() => string) | null>
  /** Comments anchored to passages (select → Comment; passages highlighted), for those who may comment. */
  comments?: AnchoredCommentsProps
}) {
  const [open, setOpen] = useState<OpenDoc | null>(null)
  const t = useT()
  const [unreadable, setUnreadable] = useState(false)
  const opened = useRef<OpenDoc | null>(null)
  const color = useMemo(() => COLORS[Math.abs(hash(userName)) % COLORS.length], [userName])
  useEffect(
    () => () => {
      opened.current?.destroy()
      opened.current = null
    },
    [docName],
  )
  const providerFactory = useCallback(
    (id: string, yjsDocMap: Map<string, Doc>): Provider => {
      opened.current?.destroy()
      // The page's own document may be connected already, its state held for this binding.
      const o = claimEarlyDoc(id) ?? openDoc(id, undefined, { connect: false, deferLocal: true })
      yjsDocMap.set(id, o.doc)
      opened.current = o
      setOpen(o)
      return o.provider as unknown as Provider
    },
    [],
  )
  const initialConfig = {
    namespace: 'hubwork',
    nodes: EDITOR_NODES,
    editorState: null,
    editable: !readOnly,
    // A part Lexical cannot read must not blank the page: the rest stays, and the person is told.
    onError: (error: Error) => {
      console.error(error)
      setUnreadable(true)
    },
    theme: {
      heading: { h1: 'ed-h1', h2: 'ed-h2', h3: 'ed-h3' },
      quote: 'ed-quote',
      list: { ul: 'ed-ul', ol: 'ed-ol', listitem: 'ed-li' },
      link: 'ed-link',
      text: { bold: 'ed-bold', italic: 'ed-italic' },
    },
  }
  return (
    <div className="editor-shell" key={docName}>
      <LexicalCollaboration>
        <MentionNames docName={docName}>
          <LexicalComposer initialConfig={initialConfig}>
            <div className="editor-bar">
              {!readOnly && <Toolbar />}
              <PresenceBar open={open} />
              <SyncIndicator open={open} />
            </div>
            {comments && <AnchoredComments doc={open?.doc ?? null} {...comments} />}
            {unreadable && (
              <p className="notice warn" role="alert" data-testid="editor-unreadable">
                {t('editor.unreadable')}
              </p>
            )}
            {readOnly && (
              <p className="notice" role="note">
                {t('editor.readOnly')}
              </p>
            )}
            {/* Links: a reader's click opens them in a new tab; an editor's click places the caret, Ctrl/Cmd+click opens. */}
            <div
              className="editor-frame"
              title={readOnly ? undefined : t('editor.ctrlClick')}
              onClick={(e) => {
                const a = (e.target as HTMLElement).closest('a[href]')
                if (!a) return
                if (readOnly || e.metaKey || e.ctrlKey) {
                  e.preventDefault()
                  openLink(a.getAttribute('href') ?? '')
                }
              }}
            >
              <RichTextPlugin
                contentEditable={<ContentEditable className="editor" aria-label={label} aria-readonly={readOnly} data-testid="editor" />}
                placeholder={<div className="editor-placeholder">{readOnly ? '' : t('editor.placeholder')}</div>}
                ErrorBoundary={LexicalErrorBoundary}
              />
            </div>
            <ListPlugin />
            {textRef && <TextReader textRef={textRef} />}
            <LinkPlugin validateUrl={validateUrl} />
            {!readOnly && <MarkdownShortcuts />}
            {!readOnly && <MentionsPlugin docName={docName} />}
            <CollaborationPlugin
              id={docName}
              providerFactory={providerFactory}
              shouldBootstrap={false}
              username={userName}
              cursorColor={color}
            />
          </LexicalComposer>
        </MentionNames>
      </LexicalCollaboration>
    </div>
  )
}

function hash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0
  return h
}
