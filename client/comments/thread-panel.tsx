import { useState, type FormEvent } from 'react'
import { useT } from '../i18n/provider'
import { t as tr } from '../i18n/intl'
import { request, ApiError } from '../api/request'
import { invalidateApi, queryClient, useApi } from '../api/query'
import { useSession } from '../app/session'
import type { ItemView } from '../../shared/schemas/items'
import type { ThreadView } from '../../shared/schemas/comments'
import { CommentText } from './comment-text'
import { canComment, canRequestInput, canResolveThread } from '../../shared/access'
import { ErrorBanner } from '../ui/error-banner'
import { formatDateTimeZone, formatDay } from '../ui/format'
import { useEscape } from '../ui/use-escape'

/** An input status in words (open, awaiting input, input provided, resolved). */
export const inputLabel = (status: string): string =>
  ['open', 'awaiting_input', 'input_provided', 'resolved'].includes(status) ? tr(`input.${status as 'open'}`) : status

const when = formatDateTimeZone

/** An entry posted a moment ago reaches the server's item list a fraction of a second later: a 404 is asked again for 5 s. */
const JUST_POSTED = {
  retry: (n: number, e: Error) => (e instanceof ApiError && e.status === 404 ? n < 20 : (queryClient.getDefaultOptions().queries?.retry as (n: number, e: Error) => boolean)(n, e)),
  retryDelay: (n: number, e: Error) => (e instanceof ApiError && e.status === 404 ? 250 : Math.min(500 * 2 ** n, 5000)),
}

/**
 * An item with its comment thread: live (the server pushes a `thread` event when anything in it
 * changes), with posting, editing and deleting one's own comments, asking the cyber ambassadors
 * for input and resolving, each offered only to those the server will let do it.
 */
export function ThreadPanel({ itemId, onClose }: { itemId: string; onClose: () => void }) {
  const { me } = useSession()
  const t = useT()
  const [failed, setError] = useState<string | null>(null)
  const [draft, setDraft] = useState('')
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null)
  const base = `/api/items/${encodeURIComponent(itemId)}`
  // Escape closes the thread, unless a comment is being written (it would be lost).
  useEscape(() => !draft.trim() && !editing && onClose())
  const itemQ = useApi<ItemView>(base, JUST_POSTED)
  const threadQ = useApi<ThreadView>(`${base}/thread`, JUST_POSTED)
  const item = itemQ.data ?? null
  const thread = threadQ.data ?? null
  const error = failed ?? itemQ.error?.message ?? threadQ.error?.message ?? null
  // A comment changes the thread, its item and the comment counts of lists of items; a `thread`
  // live event refreshes the same (api/live-queries.ts).
  const load = () => invalidateApi('/api/items')
  const act = async (fn: () => Promise<unknown>) => {
    setError(null)
    try {
      await fn()
      await load()
    } catch (e) {
      setError((e as ApiError).message)
    }
  }
  const handlePost = (e: FormEvent) => {
    e.preventDefault()
    void act(() => request('POST', `${base}/comments`, { body: draft })).then(() => setDraft(''))
  }
  if (!me) return null
  const mayComment = !!item && canComment(me, item)
  const mayRequest = !!item && item.crossCutting && canRequestInput(me, item.hubId) && item.inputStatus !== 'awaiting_input'
  const mayResolve = !!item && item.inputStatus !== 'resolved' && canResolveThread(me, item.hubId, thread?.requestedBy ?? null)
  return (
    <section className="drawer" role="dialog" aria-modal="false" aria-labelledby="thread-title" data-testid="thread">
      <div className="panel-head">
        <h2 id="thread-title">{item ? item.title || t('thread.untitled') : t('common.loading')}</h2>
        <button type="button" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
      <ErrorBanner message={error} />
      {item && (
        <>
          <p className="muted small">
            {item.kind === 'exchange' || item.kind === 'action' ? t(`kind.${item.kind}`) : item.kind} · {item.hubId} · {item.mission ?? '?'}
            {item.missions.length > 0 && t('thread.with', { missions: item.missions.join(', ') })}
            {item.createdAt && ` · ${formatDay(item.createdAt)}`}
          </p>
          <p>
            {item.crossCutting && <span className="chip accent">{t('thread.crossCutting')}</span>}
            {item.inputStatus && (
              <span className="chip" data-testid="input-status">
                {inputLabel(item.inputStatus)}
              </span>
            )}
          </p>
          {item.body && <p className="body">{item.body}</p>}
          <div className="row">
            {mayRequest && (
              <button type="button" onClick={() => void act(() => request('POST', `${base}/input-request`))}>
                {t('thread.requestInput')}
              </button>
            )}
            {mayResolve && (
              <button type="button" onClick={() => void act(() => request('POST', `${base}/resolve`))}>
                {t('thread.resolveThread')}
              </button>
            )}
          </div>
        </>
      )}
      <h3>{t('thread.comments')}</h3>
      <ol className="thread" aria-label={t('thread.comments')} data-testid="comments">
        {thread?.comments.map((c) => (
          <li key={c.id} className="comment">
            <p className="muted small">
              <strong>{c.authorName}</strong> ({c.authorRole}) · {when(c.createdAt)}
              {c.editedAt && !c.deleted && t('thread.edited')}
            </p>
            {c.deleted ? (
              <p className="muted">
                <em>{t('thread.commentDeleted')}</em>
              </p>
            ) : editing?.id === c.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault()
                  void act(() => request('PATCH', `${base}/comments/${c.id}`, { body: editing.body })).then(() => setEditing(null))
                }}
              >
                <label>
                  {t('thread.editYours')}
                  <textarea value={editing.body} onChange={(e) => setEditing({ id: c.id, body: e.target.value })} rows={3} maxLength={10000} />
                </label>
                <button type="submit">{t('common.save')}</button>
                <button type="button" onClick={() => setEditing(null)}>
                  {t('common.cancel')}
                </button>
              </form>
            ) : (
              <p>
                <CommentText text={c.body} />
              </p>
            )}
            {c.authorId === me.id && !c.deleted && editing?.id !== c.id && (
              <div className="row">
                <button type="button" onClick={() => setEditing({ id: c.id, body: c.body })}>
                  {t('common.edit')}
                </button>
                <button type="button" onClick={() => void act(() => request('DELETE', `${base}/comments/${c.id}`))}>
                  {t('common.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
        {thread?.comments.length === 0 && <li className="muted">{t('thread.noComments')}</li>}
      </ol>
      {mayComment && (
        <form onSubmit={handlePost} className="composer" aria-label={t('thread.newComment')}>
          <label>
            {t('comment.yours')}
            <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={3} maxLength={10000} required />
          </label>
          <button type="submit" className="primary">
            {t('comment.post')}
          </button>
        </form>
      )}
    </section>
  )
}
