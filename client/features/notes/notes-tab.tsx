import { useRef, useState, type FormEvent } from 'react'
import { useT } from '../../i18n/provider'
import { useQuery } from '@tanstack/react-query'
import { request } from '../../api/request'
import { apiKey, invalidateApi } from '../../api/query'
import { Link, useRouter } from '../../app/router'
import { NoteEditor } from './note-editor'
import type { HubDetailView, NoteRefView, NoteView } from '../../../shared/schemas/hubs'
import type { MeView } from '../../../shared/schemas/auth'
import { ErrorBanner } from '../../ui/error-banner'
import { Select } from '../../ui/select'
import { ScopeChip, ScopePicker, scopeOptions, scopeOr } from '../../ui/scope'
import { DEFAULT_SCOPE, type Scope } from '../../../shared/scopes'
import { isNetworkFailure, keptGet } from '../../offline/kept-answers'
import { Loading } from '../../offline/loading'
import { formatDateTime } from '../../ui/format'
import { useFindPassage } from '../search/find-passage'

/** A note as listed; servers that predate scopes send none, which is the default scope. */
type ListedNote = NoteView & { scope?: unknown }

const when = formatDateTime

/** Shared notes: list (title, last edited, by whom), create, open, co-edit, rename. */
export default function NotesTab({ hub, me, canWrite, noteId }: { hub: HubDetailView; me: MeView; canWrite: boolean; noteId?: string }) {
  const { navigate } = useRouter()
  const t = useT()
  const [title, setTitle] = useState('')
  const [scope, setScope] = useState<Scope>(DEFAULT_SCOPE)
  const [failed, setError] = useState<string | null>(null)
  const base = `/api/hubs/${encodeURIComponent(hub.id)}/notes`
  // Offline, the list as this browser kept it (the notes open from their local copies). Through
  // the query cache: retried until the link is back; a colleague creating, renaming or re-scoping
  // a note refreshes it live (api/live-queries.ts), as does the channel reconnecting. Asked even
  // when the browser says it is offline: the kept answer is what it shows then.
  const listQ = useQuery({ queryKey: apiKey(base), queryFn: () => keptGet<ListedNote[]>(me.id, base).then((r) => r.data), networkMode: 'always' })
  const notes = listQ.data ?? null
  const listError = listQ.error && !isNetworkFailure(listQ.error) ? listQ.error.message : null
  const error = failed ?? listError
  const load = () => invalidateApi(base)
  const handleCreate = async (e: FormEvent) => {
    e.preventDefault()
    try {
      const created = await request<NoteRefView>('POST', base, { title, scope })
      setTitle('')
      setScope(DEFAULT_SCOPE)
      await load()
      navigate(`/hubs/${hub.id}/notes/${created.id}`)
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const open = notes?.find((n) => n.id === noteId)
  // A search hit opens the note at the passage it matched.
  const pane = useRef<HTMLDivElement>(null)
  useFindPassage(pane, open?.docName ?? '')
  const [renaming, setRenaming] = useState<string | null>(null)
  const handleRename = async (e: FormEvent) => {
    e.preventDefault()
    if (!open || renaming === null) return
    try {
      await request('PATCH', `${base}/${open.id}`, { title: renaming })
      setRenaming(null)
      await load()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const handleScope = async (to: string) => {
    if (!open) return
    setError(null)
    try {
      await request('PATCH', `${base}/${open.id}`, { scope: to })
      await load()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  return (
    <section className="split" aria-label={t('notes.section')}>
      <div className="list-pane">
        {canWrite && (
          <form onSubmit={handleCreate} className="inline-form" aria-label={t('notes.new')}>
            <label>
              {t('notes.newTitle')}
              <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
            </label>
            <ScopePicker value={scope} onChange={setScope} legend={t('notes.newScope')} />
            <button type="submit">{t('notes.create')}</button>
          </form>
        )}
        <ErrorBanner message={error} />
        {notes === null && !error && <Loading />}
        <ul className="note-list">
          {notes?.map((n) => (
            <li key={n.id}>
              <Link to={`/hubs/${hub.id}/notes/${n.id}`} {...(n.id === noteId ? { 'aria-current': 'page' as const } : {})}>
                {n.title}
              </Link>
              <ScopeChip scope={scopeOr(n.scope)} />
              <span className="muted small">
                {when(n.updatedAt)}
                {n.updatedBy ? ` · ${n.updatedBy.name}` : ''}
              </span>
            </li>
          ))}
          {notes?.length === 0 && <li className="muted">{t('notes.none')}</li>}
        </ul>
      </div>
      <div className="doc-pane" ref={pane}>
        {open ? (
          <>
            {renaming === null ? (
              <div className="doc-title">
                <h2>{open.title}</h2>
                {canWrite && <button type="button" onClick={() => setRenaming(open.title)}>{t('notes.rename')}</button>}
                {canWrite ? (
                  <Select label={t('notes.scope')} value={scopeOr(open.scope)} onChange={(to) => void handleScope(to)} options={scopeOptions(undefined, true)} />
                ) : (
                  <ScopeChip scope={scopeOr(open.scope)} />
                )}
              </div>
            ) : (
              <form className="inline-form doc-title" onSubmit={handleRename} aria-label={t('notes.renameForm')}>
                <label>
                  {t('notes.title')}
                  <input value={renaming} onChange={(e) => setRenaming(e.target.value)} required maxLength={300} autoFocus />
                </label>
                <button type="submit" className="primary">{t('notes.saveTitle')}</button>
                <button type="button" onClick={() => setRenaming(null)}>{t('common.cancel')}</button>
              </form>
            )}
            <NoteEditor key={open.docName} docName={open.docName} title={open.title} scope={scopeOr(open.scope)} me={me} canWrite={canWrite} />
          </>
        ) : (
          <p className="muted">{t('notes.choose')}</p>
        )}
      </div>
    </section>
  )
}
