import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useT } from '../i18n/provider'
import type { Doc } from 'yjs'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import type { DocThreadView } from '../../shared/schemas/doc-threads'
import { anchorOfRange, rangeOfAnchor, type EncodedAnchor } from './anchors'

/** CSS highlight names (styled in app.css with `::highlight(…)`). */
export const HIGHLIGHT = 'hw-comment'
export const HIGHLIGHT_ACTIVE = 'hw-comment-active'

/** Where each thread's passage stands in the document now. */
export type Placement = Record<string, 'placed' | 'removed'>

export interface AnchoredCommentsProps {
  threads: DocThreadView[]
  /** The thread whose passage is shown more strongly (picked in the panel). */
  activeId: string | null
  /** Called when a thread's passage appears or disappears (deleted entirely by someone). */
  onPlacement: (p: Placement) => void
  onCreate: (anchor: EncodedAnchor, quote: string, body: string) => Promise<void>
}

const QUOTE_SHOWN = 160

/**
 * Comments on passages, inside the editor: select text → "Comment", and the passages of open
 * threads highlighted. Highlights are CSS Custom Highlights over DOM ranges computed from the
 * anchors' absolute positions after every render of the editor: decoration only, the document is
 * never changed (a read-only reader such as HQ comments too).
 */
export function AnchoredComments({ doc, threads, activeId, onPlacement, onCreate }: AnchoredCommentsProps & { doc: Doc | null }) {
  const [editor] = useLexicalComposerContext()
  const t = useT()
  const [pending, setPending] = useState<{ anchor: EncodedAnchor; quote: string } | null>(null)
  const [composing, setComposing] = useState<{ anchor: EncodedAnchor; quote: string } | null>(null)
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)
  const placement = useRef('')
  // The thread whose passage was last scrolled into view: once per pick (from the panel or `?thread=`).
  const scrolledFor = useRef<string | null>(null)

  // The selection, while it lies in this editor: what "Comment" would anchor to.
  useEffect(() => {
    if (!doc) return
    const onSelection = () => {
      const sel = window.getSelection()
      const root = editor.getRootElement()
      if (!sel || sel.rangeCount === 0 || !root) return
      const range = sel.getRangeAt(0)
      if (!root.contains(range.commonAncestorContainer)) return
      setPending(range.collapsed ? null : anchorOfRange(editor, doc, range))
    }
    document.addEventListener('selectionchange', onSelection)
    return () => document.removeEventListener('selectionchange', onSelection)
  }, [editor, doc])

  // Highlights, recomputed whenever the editor renders (local or remote edits) or the threads change.
  useEffect(() => {
    if (!doc || typeof CSS === 'undefined' || !('highlights' in CSS)) return
    const paint = () => {
      const all: Range[] = []
      const active: Range[] = []
      const next: Placement = {}
      for (const t of threads) {
        const range = rangeOfAnchor(editor, doc, t.anchor)
        next[t.id] = range ? 'placed' : 'removed'
        if (!range || t.resolved) continue
        all.push(range)
        if (t.id === activeId) {
          active.push(range)
          if (scrolledFor.current !== activeId) {
            scrolledFor.current = activeId
            const el = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement
            el?.scrollIntoView({ block: 'center' })
          }
        }
      }
      CSS.highlights.set(HIGHLIGHT, new Highlight(...all))
      CSS.highlights.set(HIGHLIGHT_ACTIVE, new Highlight(...active))
      const key = JSON.stringify(next)
      if (key !== placement.current) {
        placement.current = key
        onPlacement(next)
      }
    }
    paint()
    const stop = editor.registerUpdateListener(() => paint())
    return () => {
      stop()
      CSS.highlights.delete(HIGHLIGHT)
      CSS.highlights.delete(HIGHLIGHT_ACTIVE)
    }
  }, [editor, doc, threads, activeId, onPlacement])

  const handlePost = async (e: FormEvent) => {
    e.preventDefault()
    if (!composing) return
    setError(null)
    try {
      await onCreate(composing.anchor, composing.quote, body)
      setComposing(null)
      setBody('')
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const shown = (q: string) => (q.length > QUOTE_SHOWN ? `${q.slice(0, QUOTE_SHOWN)}…` : q)
  return (
    <div className="anchored-comments">
      {!composing && (
        <button
          type="button"
          className="small"
          disabled={!pending}
          // Keeps the text selected while the button is pressed.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => pending && setComposing(pending)}
          title={pending ? undefined : t('comment.selectFirst')}
        >
          {t('comment.button')}
        </button>
      )}
      {!composing && !pending && <span className="muted small">{t('comment.selectHint')}</span>}
      {composing && (
        <form className="composer" aria-label={t('comment.composer')} onSubmit={(e) => void handlePost(e)}>
          <p className="small">
            {t('comment.on')} <q className="user-text">{shown(composing.quote)}</q>
          </p>
          <label>
            {t('comment.yours')}
            <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={10000} required autoFocus />
          </label>
          {error && (
            <p className="error small" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary">
            {t('comment.post')}
          </button>{' '}
          <button type="button" onClick={() => setComposing(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </div>
  )
}
