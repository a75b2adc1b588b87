import { useEffect, useState } from 'react'
import { Navigate } from 'react-router'
import { ApiError } from '../api/request'
import { Link } from '../app/router'
import { roleLabel, useSession } from '../app/session'
import type { HubDetailView } from '../../shared/schemas/hubs'
import { Flag } from '../ui/flag-icon'
import { preload, useModule } from '../app/use-module'
import { preloadEditor } from '../editor/lazy-editor'
import { HistoryButton } from '../features/history/history-panel'
import { briefDocName, logDocName, noteDocName } from '../../shared/doc-names'
import { canEditHubDocs } from '../../shared/access'
import { isNetworkFailure, keptGet } from '../offline/kept-answers'
import { Loading, LocalOnlyNotice } from '../offline/loading'
import { retryWhenOnline } from '../offline/when-online'
import { ExportLinks } from '../features/export/export-links'
import { useT } from '../i18n/provider'
import { t as tr } from '../i18n/intl'

// The brief and notes tabs show the editor, a chunk of its own: it is fetched alongside, not after.
const withEditor = <T,>(load: () => Promise<T>) => () => (void preloadEditor().catch(() => {}), load())
const loadBrief = withEditor(() => import('../features/brief/brief-tab'))
const loadNotes = withEditor(() => import('../features/notes/notes-tab'))
const loadLog = () => import('../features/log/log-tab')
const loadMembers = () => import('../features/members/members-tab')
const LOADERS: Record<string, () => Promise<unknown>> = {
  brief: loadBrief,
  notes: loadNotes,
  exchanges: loadLog,
  actions: loadLog,
  members: loadMembers,
}

const TABS = ['brief', 'notes', 'exchanges', 'actions', 'members'] as const

/** Starts loading a tab's code (nothing for a tab without a chunk of its own). */
export const preloadTab = (tab: string): Promise<unknown> => (LOADERS[tab] ? preload(LOADERS[tab]) : Promise.resolve())

/** The document a tab shows, for its History button (null: the tab shows no single document). */
function tabDocument(hubId: string, tab: string, noteId?: string): { docName: string; label: string; isLog: boolean } | null {
  if (tab === 'brief') return { docName: briefDocName(hubId), label: tr('hub.docBrief'), isLog: false }
  if (tab === 'notes' && noteId) return { docName: noteDocName(hubId, noteId), label: tr('hub.docNote'), isLog: false }
  if (tab === 'exchanges' || tab === 'actions') return { docName: logDocName(hubId), label: tr('hub.docLog'), isLog: true }
  return null
}

/** A hub: tabs Brief · Notes · Exchanges · Actions · Members, with the person's role visible. */
export function HubPage({ hubId, tab, noteId }: { hubId: string; tab: string; noteId?: string }) {
  const { me } = useSession()
  const t = useT()
  // The tab's code loads while the hub is fetched, not after.
  if (LOADERS[tab]) void preload(LOADERS[tab]).catch(() => {})
  const BriefTab = useModule(loadBrief, tab === 'brief')?.default
  const NotesTab = useModule(loadNotes, tab === 'notes')?.default
  const LogTab = useModule(loadLog, tab === 'exchanges' || tab === 'actions')?.default
  const MembersTab = useModule(loadMembers, tab === 'members')?.default
  const [hub, setHub] = useState<HubDetailView | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  // Offline, the hub as this browser kept it; a load cut by the link is retried when it returns.
  const load = () =>
    keptGet<HubDetailView>(me?.id ?? '', `/api/hubs/${encodeURIComponent(hubId)}`).then(
      (r) => (setHub(r.data), setSavedAt(r.savedAt)),
      (e: unknown) => {
        if (e instanceof ApiError && e.status !== 0) setError(e)
        throw e
      },
    )
  useEffect(() => {
    setHub(null)
    setError(null)
    return retryWhenOnline(load, isNetworkFailure)
  }, [hubId])
  if (!me) return null
  // Cyber ambassadors read a hub's cross-cutting items, never its documents: the board, filtered to it.
  if (me.role === 'cyber') return <Navigate to={`/cross-cutting?hub=${encodeURIComponent(hubId)}`} replace />
  if (error && !hub) {
    return (
      <main id="main" className="page">
        <h1>{error.status === 403 ? t('hub.noAccessTitle') : error.status === 404 ? t('hub.notFound') : t('hub.wrong')}</h1>
        <p role="alert">{error.status === 403 ? t('hub.noAccess') : error.message}</p>
        <Link to="/">{t('shell.backToHubs')}</Link>
      </main>
    )
  }
  if (!hub) return <main id="main" className="page"><Loading /></main>
  const canWrite = canEditHubDocs(me, hubId)
  const history = tabDocument(hubId, tab, noteId)
  return (
    <main id="main" className="page">
      <header className="hub-header">
        <h1>
          <Flag code={hub.country} />
          {hub.countryName} <span className="muted">— {hub.name}</span>
        </h1>
        <p className="role" data-testid="role">{roleLabel(me, hubId)}</p>
      </header>
      <LocalOnlyNotice savedAt={savedAt} />
      <nav className="tabs" aria-label={t('hub.sections')}>
        {TABS.map((id) => (
          <Link key={id} to={`/hubs/${hubId}/${id}`} className={tab === id ? 'tab active' : 'tab'} {...(tab === id ? { 'aria-current': 'page' as const } : {})}>
            {t(`hub.tab.${id}`)}
          </Link>
        ))}
      </nav>
      {history && (
        <div className="history-bar">
          <HistoryButton key={history.docName} docName={history.docName} label={history.label} canWrite={canWrite} isLog={history.isLog} />
          {!history.isLog && <ExportLinks docName={history.docName} label={history.label} />}
        </div>
      )}
      {tab === 'brief' && (BriefTab ? <BriefTab hub={hub} me={me} canWrite={canWrite} /> : <Loading />)}
      {tab === 'notes' && (NotesTab ? <NotesTab hub={hub} me={me} canWrite={canWrite} noteId={noteId} /> : <Loading />)}
      {(tab === 'exchanges' || tab === 'actions') &&
        (LogTab ? <LogTab hub={hub} me={me} canWrite={canWrite} kind={tab === 'exchanges' ? 'exchange' : 'action'} /> : <Loading />)}
      {tab === 'members' && (MembersTab ? <MembersTab hub={hub} me={me} onChanged={() => void load().catch(() => {})} /> : <Loading />)}
    </main>
  )
}
