import { useId, useState } from 'react'
import { useT } from '../../i18n/provider'
import { t as tr } from '../../i18n/intl'
import { request } from '../../api/request'
import { invalidateApi, useApi } from '../../api/query'
import type {
  DeletedEntryView,
  VersionDetailView,
  VersionDiffView,
  VersionSummaryView,
} from '../../../shared/schemas/history-views'
import { ErrorBanner } from '../../ui/error-banner'
import { formatDateTime } from '../../ui/format'

const when = formatDateTime
const docPath = (docName: string) => `/api/docs/${encodeURIComponent(docName)}`
const kindLabel = (kind: 'exchange' | 'action') => tr(`history.kind.${kind}`)

/** A "History" button that opens the document's versions: preview, diff, restore. */
export function HistoryButton({ docName, label, canWrite, isLog = false }: { docName: string; label: string; canWrite: boolean; isLog?: boolean }) {
  const [open, setOpen] = useState(false)
  const t = useT()
  const panelId = useId()
  return (
    <>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {open ? t('history.close') : t('history.open')}
      </button>
      {open && (
        <div id={panelId} className="history-wrap">
          <HistoryPanel docName={docName} label={label} canWrite={canWrite} isLog={isLog} />
        </div>
      )}
    </>
  )
}

/**
 * Versions of a document, newest first; the chosen one shown as text (never as HTML) and as a
 * diff against the current state; restore for those who may write.
 */
export function HistoryPanel({ docName, label, canWrite, isLog }: { docName: string; label: string; canWrite: boolean; isLog: boolean }) {
  const t = useT()
  const base = docPath(docName)
  // Versions and diffs are read fresh each time the panel opens (the document moves on meanwhile).
  const fresh = { staleTime: 0 }
  const versionsQ = useApi<VersionSummaryView[]>(`${base}/versions`, fresh)
  const deletedQ = useApi<DeletedEntryView[]>(isLog ? `${base}/deleted` : null, fresh)
  const versions = versionsQ.data ?? null
  const deleted = isLog ? (deletedQ.data ?? null) : null
  const [chosenId, setChosenId] = useState<number | null>(null)
  const detailQ = useApi<VersionDetailView>(chosenId === null ? null : `${base}/versions/${chosenId}`)
  const diffQ = useApi<VersionDiffView>(chosenId === null ? null : `${base}/versions/${chosenId}/diff`, fresh)
  // Both arrive before the version is shown, as one choice.
  const chosen = detailQ.data && diffQ.data ? detailQ.data : null
  const diff = chosen ? (diffQ.data ?? null) : null
  const [view, setView] = useState<'preview' | 'diff'>('preview')
  const [status, setStatus] = useState<string | null>(null)
  const [failed, setError] = useState<string | null>(null)
  const error = failed ?? versionsQ.error?.message ?? deletedQ.error?.message ?? detailQ.error?.message ?? diffQ.error?.message ?? null
  const [busy, setBusy] = useState(false)
  const headingId = useId()

  /** A restore changes the document: its versions, deleted entries and diffs are read again. */
  const load = () => invalidateApi(`${base}/`)

  const choose = (id: number) => {
    setError(null)
    setStatus(null)
    setChosenId(id)
  }

  const restore = async () => {
    if (!chosen) return
    setBusy(true)
    setError(null)
    try {
      await request('POST', `${docPath(docName)}/versions/${chosen.id}/restore`)
      setStatus(t('history.restored', { when: when(chosen.createdAt) }))
      setChosenId(null)
      await load()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const restoreEntry = async (entry: DeletedEntryView) => {
    setBusy(true)
    setError(null)
    try {
      await request('POST', `${docPath(docName)}/deleted/${entry.kind}/${encodeURIComponent(entry.id)}/restore`)
      setStatus(t('history.entryRestored', { kind: kindLabel(entry.kind), title: entry.title || entry.id }))
      await load()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="history" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('history.title', { label })}</h3>
      {!canWrite && <p className="muted small">{t('history.readOnly')}</p>}
      <ErrorBanner message={error} />
      <p role="status" className="history-status">{status ?? ''}</p>
      <div className="history-grid">
        <div>
          <h4>{t('history.versions')}</h4>
          {versions === null && <p className="muted">{t('common.loading')}</p>}
          {versions?.length === 0 && <p className="muted">{t('history.noVersions')}</p>}
          <ol className="version-list">
            {versions?.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className="version"
                  aria-pressed={chosen?.id === v.id}
                  onClick={() => void choose(v.id)}
                  data-testid="version"
                >
                  <span>{when(v.createdAt)}</span>
                  <span className="muted small">
                    {v.editors.length > 0 ? v.editors.map((e) => e.name).join(', ') : t('history.noEdits')}
                    {v.reason === 'before restore' ? t('history.beforeRestore') : v.reason.startsWith('restored') ? t('history.restore') : ''}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </div>
        <div>
          {chosen ? (
            <>
              <div className="history-tabs" role="group" aria-label={t('history.showAs')}>
                <button type="button" aria-pressed={view === 'preview'} onClick={() => setView('preview')}>{t('history.preview')}</button>
                <button type="button" aria-pressed={view === 'diff'} onClick={() => setView('diff')}>{t('history.changesSince')}</button>
                {canWrite && (
                  <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
                    {t('history.restoreVersion')}
                  </button>
                )}
              </div>
              <p className="muted small">
                {t('history.versionOf', { when: when(chosen.createdAt) })}
                {chosen.editors.length > 0 ? t('history.editedBy', { names: chosen.editors.map((e) => e.name).join(', ') }) : ''}
              </p>
              {view === 'preview' ? (
                isLog ? <LogPreview text={chosen.text} /> : <pre className="history-preview" data-testid="version-preview">{chosen.text}</pre>
              ) : (
                diff && <DiffView diff={diff} />
              )}
            </>
          ) : (
            <p className="muted">{t('history.choose')}</p>
          )}
        </div>
      </div>
      {isLog && (
        <div className="deleted-entries">
          <h4>{t('history.deleted')}</h4>
          {deleted?.length === 0 && <p className="muted">{t('history.noDeleted')}</p>}
          <ul>
            {deleted?.map((e) => (
              <li key={`${e.kind}/${e.id}`}>
                <span>
                  {kindLabel(e.kind)}: {e.title || e.id}
                </span>{' '}
                <span className="muted small">{t('history.lastSeen', { when: when(e.versionCreatedAt) })}</span>{' '}
                {canWrite && (
                  <button type="button" disabled={busy} onClick={() => void restoreEntry(e)} aria-label={t('history.restoreEntryLabel', { title: e.title || e.id })}>
                    {t('history.restoreEntry')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}

interface LogJson {
  exchanges?: Record<string, { title?: unknown }>
  actions?: Record<string, { title?: unknown; status?: unknown }>
}

/** A log version as lists of titles (text only). */
function LogPreview({ text }: { text: string }) {
  let log: LogJson = {}
  try {
    log = JSON.parse(text) as LogJson
  } catch {
    return <pre className="history-preview">{text}</pre>
  }
  const titles = (m: Record<string, { title?: unknown }> | undefined) =>
    Object.entries(m ?? {}).map(([id, e]) => ({ id, title: typeof e.title === 'string' ? e.title : id }))
  return (
    <div className="history-preview" data-testid="version-preview">
      <h5>{tr('history.exchanges')}</h5>
      <ul>{titles(log.exchanges).map((e) => <li key={e.id}>{e.title}</li>)}</ul>
      <h5>{tr('history.actions')}</h5>
      <ul>{titles(log.actions).map((e) => <li key={e.id}>{e.title}</li>)}</ul>
    </div>
  )
}

const show = (v: unknown) => (v === undefined ? tr('history.none') : typeof v === 'string' ? v : JSON.stringify(v))

/** Added and removed text, marked with words as well as colour (ins/del and hidden labels). */
function DiffView({ diff }: { diff: VersionDiffView }) {
  if (diff.kind === 'text') {
    const changed = diff.segments.some((s) => s.op !== 'same')
    return (
      <div className="history-diff" data-testid="version-diff">
        <p className="muted small">
          <ins>{tr('history.addedLegend')}</ins> · <del>{tr('history.removedLegend')}</del>
        </p>
        {!changed && <p>{tr('history.noChanges')}</p>}
        <p className="diff-text">
          {diff.segments.map((s, i) =>
            s.op === 'added' ? (
              <ins key={i}><span className="sr-only">{tr('history.added')}</span>{s.text}</ins>
            ) : s.op === 'removed' ? (
              <del key={i}><span className="sr-only">{tr('history.removed')}</span>{s.text}</del>
            ) : (
              <span key={i}>{s.text}</span>
            ),
          )}
        </p>
      </div>
    )
  }
  const none = diff.added.length + diff.removed.length + diff.changed.length === 0
  return (
    <div className="history-diff" data-testid="version-diff">
      {none && <p>{tr('history.noChanges')}</p>}
      {diff.added.length > 0 && (
        <>
          <h5>{tr('history.addedSince')}</h5>
          <ul>{diff.added.map((e) => <li key={e.id}><ins>{tr('history.entryAdded', { kind: kindLabel(e.kind), title: e.title || e.id })}</ins></li>)}</ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <h5>{tr('history.removedSince')}</h5>
          <ul>{diff.removed.map((e) => <li key={e.id}><del>{tr('history.entryRemoved', { kind: kindLabel(e.kind), title: e.title || e.id })}</del></li>)}</ul>
        </>
      )}
      {diff.changed.length > 0 && (
        <>
          <h5>{tr('history.changedSince')}</h5>
          <ul>
            {diff.changed.map((e) => (
              <li key={e.id}>
                {tr('history.entryChanged', { kind: kindLabel(e.kind), title: e.title || e.id })}
                <ul>
                  {e.fields.map((f) => (
                    <li key={f.field}>
                      {f.field}: <del><span className="sr-only">{tr('history.was')}</span>{show(f.before)}</del> → <ins><span className="sr-only">{tr('history.now')}</span>{show(f.after)}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
