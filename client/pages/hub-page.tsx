import { useEffect, useState } from 'react'
import { Navigate } from 'react-router'
import { ApiError } from '../api/request'
import { Link } from '../app/router'
import { roleLabel, useSession } from '../app/session'
import type { HubDetailView } from '../../shared/schemas/hubs'
import { Flag } from '../ui/flag-icon'
import { preload, useModule } from '../app/use-module'
import { HistoryButton } from '../features/history/history-panel'
import { briefDocName, logDocName, noteDocName } from '../../shared/doc-names'
import { canEditHubDocs } from '../../shared/access'
import { isNetworkFailure, keptGet } from '../offline/kept-answers'
import { Loading, LocalOnlyNotice } from '../offline/loading'
import { retryWhenOnline } from '../offline/when-online'
import { ExportLinks } from '../features/export/export-links'

const loadBrief = () => import('../features/brief/brief-tab')
const loadNotes = () => import('../features/notes/notes-tab')
const loadLog = () => import('../features/log/log-tab')
const loadMembers = () => import('../features/members/members-tab')
const LOADERS: Record<string, () => Promise<unknown>> = {
  brief: loadBrief,
  notes: loadNotes,
  exchanges: loadLog,
  actions: loadLog,
  members: loadMembers,
}

const TABS = [
  ['brief', 'Brief'],
  ['notes', 'Notes'],
  ['exchanges', 'Exchanges'],
  ['actions', 'Actions'],
  ['members', 'Members'],
] as const

/** The document a tab shows, for its History button (null: the tab shows no single document). */
function tabDocument(hubId: string, tab: string, noteId?: string): { docName: string; label: string; isLog: boolean } | null {
  if (tab === 'brief') return { docName: briefDocName(hubId), label: 'the hub brief', isLog: false }
  if (tab === 'notes' && noteId) return { docName: noteDocName(hubId, noteId), label: 'this note', isLog: false }
  if (tab === 'exchanges' || tab === 'actions') return { docName: logDocName(hubId), label: 'the log (exchanges and actions)', isLog: true }
  return null
}

/** A hub: tabs Brief · Notes · Exchanges · Actions · Members, with the person's role visible. */
export function HubPage({ hubId, tab, noteId }: { hubId: string; tab: string; noteId?: string }) {
  const { me } = useSession()
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
        <h1>{error.status === 403 ? 'No access to this hub' : error.status === 404 ? 'Hub not found' : 'Something went wrong'}</h1>
        <p role="alert">{error.status === 403 ? 'You are not a member of this hub, so its content is not shown.' : error.message}</p>
        <Link to="/">Back to my hubs</Link>
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
      <nav className="tabs" aria-label="Hub sections">
        {TABS.map(([id, label]) => (
          <Link key={id} to={`/hubs/${hubId}/${id}`} className={tab === id ? 'tab active' : 'tab'} {...(tab === id ? { 'aria-current': 'page' as const } : {})}>
            {label}
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
