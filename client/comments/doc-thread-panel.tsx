import { useState, type FormEvent } from 'react'
import { useT } from '../i18n/provider'
import { formatDateTime } from '../ui/format'
import type { DocThreadView } from '../../shared/schemas/doc-threads'
import type { Placement } from '../editor/anchored-comments'
import { CommentText } from './comment-text'
import { ErrorBanner } from '../ui/error-banner'
import type { DocThreads } from './use-doc-threads'

const when = formatDateTime

/**
 * The comments anchored in a document: each thread with the passage it is about (quoted as it
 * read then; "passage removed" once someone deleted it all), its comments, a reply, resolve/reopen.
 * Open threads first. Picking one shows its passage more strongly in the editor.
 */
export function DocThreadPanel({ data, placement, activeId, onActivate, label }: { data: DocThreads; placement: Placement; activeId: string | null; onActivate: (id: string | null) => void; label: string }) {
  const [showResolved, setShowResolved] = useState(false)
  const threads = data.threads ?? []
  const tr = useT()
  const open = threads.filter((t) => !t.resolved)
  const resolved = threads.filter((t) => t.resolved)
  return (
    <section className="panel doc-threads" aria-labelledby="doc-threads-title" data-testid="doc-threads">
      <div className="panel-head">
        <h3 id="doc-threads-title">{tr('thread.commentsOn', { label })}</h3>
        {resolved.length > 0 && (
          <button type="button" aria-pressed={showResolved} onClick={() => setShowResolved((v) => !v)}>
            {showResolved ? tr('thread.hideResolved') : tr('thread.showResolved', { count: resolved.length })}
          </button>
        )}
      </div>
      <ErrorBanner message={data.error} />
      {!data.threads && !data.error && <p className="muted">{tr('common.loading')}</p>}
      {data.threads && open.length === 0 && <p className="muted small">{tr('thread.noOpen')}</p>}
      <ol className="thread" aria-label={tr('thread.commentsOn', { label })}>
        {[...open, ...(showResolved ? resolved : [])].map((t) => (
          <ThreadItem key={t.id} thread={t} data={data} removed={placement[t.id] === 'removed'} active={t.id === activeId} onActivate={onActivate} />
        ))}
      </ol>
    </section>
  )
}

function ThreadItem({ thread: t, data, removed, active, onActivate }: { thread: DocThreadView; data: DocThreads; removed: boolean; active: boolean; onActivate: (id: string | null) => void }) {
  const tr = useT()
  const [reply, setReply] = useState('')
  const handleReply = (e: FormEvent) => {
    e.preventDefault()
    void data.reply(t.id, reply).then(
      () => setReply(''),
      () => {},
    )
  }
  return (
    <li className={`comment doc-thread ${active ? 'active' : ''}`} data-testid="doc-thread" data-thread-id={t.id}>
      <p className="small">
        <button type="button" className="link" aria-pressed={active} onClick={() => onActivate(active ? null : t.id)}>
          <q className="user-text" data-testid="doc-thread-quote">
            {t.quote}
          </q>
        </button>{' '}
        {removed && (
          <span className="chip" data-testid="passage-removed">
            {tr('thread.passageRemoved')}
          </span>
        )}
        {t.resolved && <span className="chip">{tr('thread.resolved')}</span>}
      </p>
      <ol className="thread" aria-label={tr('thread.replies')}>
        {t.comments.map((c) => (
          <li key={c.id}>
            <p className="muted small">
              <strong>{c.authorName}</strong> ({c.authorRole}) · {when(c.createdAt)}
            </p>
            <p>{c.deleted ? <em className="muted">{tr('thread.commentDeleted')}</em> : <CommentText text={c.body} />}</p>
          </li>
        ))}
      </ol>
      {!t.resolved && (
        <form onSubmit={handleReply} className="composer" aria-label={tr('thread.replyOn', { quote: t.quote.slice(0, 40) })}>
          <label>
            {tr('thread.reply')}
            <textarea value={reply} onChange={(e) => setReply(e.target.value)} rows={2} maxLength={10000} required />
          </label>
          <button type="submit">{tr('thread.reply')}</button>{' '}
          <button type="button" onClick={() => void data.setResolved(t.id, true).catch(() => {})}>
            {tr('thread.resolve')}
          </button>
        </form>
      )}
      {t.resolved && (
        <button type="button" onClick={() => void data.setResolved(t.id, false).catch(() => {})}>
          {tr('thread.reopen')}
        </button>
      )}
    </li>
  )
}
