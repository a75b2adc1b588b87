import { useEffect, useState } from 'react'
import { useT } from '../../i18n/provider'
import { t as tr } from '../../i18n/intl'
import { invalidateApi, useApi } from '../../api/query'
import { Link, text, useUrlState } from '../../app/router'
import { itemPath } from '../../app/links'
import { useSession } from '../../app/session'
import { canEditHubDocs } from '../../../shared/access'
import type { HubSummaryView } from '../../../shared/schemas/hubs'
import { request, ApiError } from '../../api/request'
import { onLive } from '../../api/live'
import { ThreadPanel } from '../../comments/thread-panel'
import { useRouter } from '../../app/router'
import { ErrorBanner } from '../../ui/error-banner'
import type { InboxKind, InboxView } from '../../../shared/schemas/comments'
import { formatDateTimeZone } from '../../ui/format'

const InboxState = { thread: text(300) }

/** What the actor did, in the interface language. */
const what = (kind: InboxKind): string => tr(`inbox.what.${kind}`)

/** The inbox (`/inbox`): mentions, replies and input requests, newest first, unread marked. */
export default function InboxPage() {
  const q = useApi<InboxView>('/api/inbox')
  const t = useT()
  const data = q.data ?? null
  const [failed, setError] = useState<string | null>(null)
  const error = failed ?? q.error?.message ?? null
  const [url, setUrl] = useUrlState(InboxState)
  const open = url.thread ?? null
  const setOpen = (thread: string | null) => setUrl({ thread }, { replace: false })
  const { me } = useSession()
  const hubs = useApi<HubSummaryView[]>('/api/hubs').data
  const hubName = (id: string) => hubs?.find((h) => h.id === id)?.countryName ?? id
  const load = () => invalidateApi('/api/inbox')
  useEffect(() => onLive('inbox', () => void load()), [])
  const { navigate } = useRouter()
  const markRead = (ids: number[] | 'all') => request('POST', '/api/inbox/read', { ids }).then(load, (e: ApiError) => setError(e.message))
  return (
    <main id="main" className="page">
      <div className="panel-head">
        <h1>{t('inbox.title')}</h1>
        {data && data.unread > 0 && (
          <button type="button" onClick={() => void markRead('all')}>
            {t('inbox.markAll')}
          </button>
        )}
      </div>
      <ErrorBanner message={error} />
      {data && <p className="muted">{t('inbox.unread', { count: data.unread })}</p>}
      <ol className="feed" aria-label={t('inbox.notifications')}>
        {data?.entries.map((e) => (
          <li key={e.id} className={`entry ${e.read ? '' : 'unread'}`} data-testid="inbox-entry">
            <p>
              {!e.read && <span className="chip accent">{t('inbox.new')}</span>} <strong>{e.actorName ?? t('inbox.someone')}</strong> {what(e.kind)}{' '}
              {e.link ? (
                // A brief's step or an anchored comment leads to the brief tab (of the period) or the note.
                <a
                  href={e.link}
                  onClick={(ev) => {
                    ev.preventDefault()
                    if (!e.read) void markRead([e.id])
                    navigate(e.link!)
                  }}
                >
                  {e.itemTitle}
                </a>
              ) : (
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setOpen(e.itemId)
                    if (!e.read) void markRead([e.id])
                  }}
                >
                  {e.itemTitle}
                </button>
              )}
            </p>
            {e.note && (
              <p className="small">
                {t('brief.hqNote')} <span className="user-text">{e.note}</span>
              </p>
            )}
            {e.excerpt && <blockquote className="excerpt small">{e.excerpt}</blockquote>}
            <p className="muted small">
              {e.hubId && <>{hubName(e.hubId)} · </>}
              {formatDateTimeZone(e.createdAt)}
              {e.hubId && me && canEditHubDocs(me, e.hubId) && itemPath(e.itemId) && (
                <>
                  {' · '}
                  <Link to={itemPath(e.itemId)!}>{t('rollup.openInHub')}</Link>
                </>
              )}
            </p>
          </li>
        ))}
        {data?.entries.length === 0 && <li className="muted">{t('inbox.nothing')}</li>}
      </ol>
      {open && <ThreadPanel itemId={open} onClose={() => setOpen(null)} />}
    </main>
  )
}
