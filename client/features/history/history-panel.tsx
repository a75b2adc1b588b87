import { useEffect, useId, useState } from 'react'
import { request } from '../../api/request'
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
const KIND_LABEL = { exchange: 'Exchange', action: 'Action' } as const

/** A "History" button that opens the document's versions: preview, diff, restore. */
export function HistoryButton({ docName, label, canWrite, isLog = false }: { docName: string; label: string; canWrite: boolean; isLog?: boolean }) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  return (
    <>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {open ? 'Close history' : 'History'}
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
  const [versions, setVersions] = useState<VersionSummaryView[] | null>(null)
  const [chosen, setChosen] = useState<VersionDetailView | null>(null)
  const [diff, setDiff] = useState<VersionDiffView | null>(null)
  const [view, setView] = useState<'preview' | 'diff'>('preview')
  const [deleted, setDeleted] = useState<DeletedEntryView[] | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const headingId = useId()

  const load = async () => {
    try {
      setVersions(await request<VersionSummaryView[]>('GET', `${docPath(docName)}/versions`))
      if (isLog) setDeleted(await request<DeletedEntryView[]>('GET', `${docPath(docName)}/deleted`))
    } catch (err) {
      setError((err as Error).message)
    }
  }
  useEffect(() => {
    void load()
  }, [docName])

  const choose = async (id: number) => {
    setError(null)
    setStatus(null)
    try {
      const [detail, d] = await Promise.all([
        request<VersionDetailView>('GET', `${docPath(docName)}/versions/${id}`),
        request<VersionDiffView>('GET', `${docPath(docName)}/versions/${id}/diff`),
      ])
      setChosen(detail)
      setDiff(d)
    } catch (err) {
      setError((err as Error).message)
    }
  }

  const restore = async () => {
    if (!chosen) return
    setBusy(true)
    setError(null)
    try {
      await request('POST', `${docPath(docName)}/versions/${chosen.id}/restore`)
      setStatus(`Version of ${when(chosen.createdAt)} restored. The state it replaced is kept in history.`)
      setChosen(null)
      setDiff(null)
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
      setStatus(`${KIND_LABEL[entry.kind]} “${entry.title || entry.id}” restored.`)
      await load()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="history" aria-labelledby={headingId}>
      <h3 id={headingId}>History of {label}</h3>
      {!canWrite && <p className="muted small">Read-only: you can preview and compare versions, not restore them.</p>}
      <ErrorBanner message={error} />
      <p role="status" className="history-status">{status ?? ''}</p>
      <div className="history-grid">
        <div>
          <h4>Versions</h4>
          {versions === null && <p className="muted">Loading…</p>}
          {versions?.length === 0 && <p className="muted">No versions yet: one is kept at least once a minute while the document is edited.</p>}
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
                    {v.editors.length > 0 ? v.editors.map((e) => e.name).join(', ') : 'no edits recorded'}
                    {v.reason === 'before restore' ? ' · before a restore' : v.reason.startsWith('restored') ? ' · restore' : ''}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </div>
        <div>
          {chosen ? (
            <>
              <div className="history-tabs" role="group" aria-label="Show the version as">
                <button type="button" aria-pressed={view === 'preview'} onClick={() => setView('preview')}>Preview</button>
                <button type="button" aria-pressed={view === 'diff'} onClick={() => setView('diff')}>Changes since</button>
                {canWrite && (
                  <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
                    Restore this version
                  </button>
                )}
              </div>
              <p className="muted small">
                Version of {when(chosen.createdAt)}
                {chosen.editors.length > 0 ? ` · edited by ${chosen.editors.map((e) => e.name).join(', ')}` : ''}
              </p>
              {view === 'preview' ? (
                isLog ? <LogPreview text={chosen.text} /> : <pre className="history-preview" data-testid="version-preview">{chosen.text}</pre>
              ) : (
                diff && <DiffView diff={diff} />
              )}
            </>
          ) : (
            <p className="muted">Choose a version to preview it.</p>
          )}
        </div>
      </div>
      {isLog && (
        <div className="deleted-entries">
          <h4>Deleted entries</h4>
          {deleted?.length === 0 && <p className="muted">No deleted entries in history.</p>}
          <ul>
            {deleted?.map((e) => (
              <li key={`${e.kind}/${e.id}`}>
                <span>
                  {KIND_LABEL[e.kind]}: {e.title || e.id}
                </span>{' '}
                <span className="muted small">last seen in the version of {when(e.versionCreatedAt)}</span>{' '}
                {canWrite && (
                  <button type="button" disabled={busy} onClick={() => void restoreEntry(e)} aria-label={`Restore this entry: ${e.title || e.id}`}>
                    Restore this entry
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
      <h5>Exchanges</h5>
      <ul>{titles(log.exchanges).map((e) => <li key={e.id}>{e.title}</li>)}</ul>
      <h5>Actions</h5>
      <ul>{titles(log.actions).map((e) => <li key={e.id}>{e.title}</li>)}</ul>
    </div>
  )
}

const show = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v))

/** Added and removed text, marked with words as well as colour (ins/del and hidden labels). */
function DiffView({ diff }: { diff: VersionDiffView }) {
  if (diff.kind === 'text') {
    const changed = diff.segments.some((s) => s.op !== 'same')
    return (
      <div className="history-diff" data-testid="version-diff">
        <p className="muted small">
          <ins>added since this version</ins> · <del>removed since this version</del>
        </p>
        {!changed && <p>No changes since this version.</p>}
        <p className="diff-text">
          {diff.segments.map((s, i) =>
            s.op === 'added' ? (
              <ins key={i}><span className="sr-only">added: </span>{s.text}</ins>
            ) : s.op === 'removed' ? (
              <del key={i}><span className="sr-only">removed: </span>{s.text}</del>
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
      {none && <p>No changes since this version.</p>}
      {diff.added.length > 0 && (
        <>
          <h5>Added since this version</h5>
          <ul>{diff.added.map((e) => <li key={e.id}><ins>{KIND_LABEL[e.kind]} added: {e.title || e.id}</ins></li>)}</ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <h5>Removed since this version</h5>
          <ul>{diff.removed.map((e) => <li key={e.id}><del>{KIND_LABEL[e.kind]} removed: {e.title || e.id}</del></li>)}</ul>
        </>
      )}
      {diff.changed.length > 0 && (
        <>
          <h5>Changed since this version</h5>
          <ul>
            {diff.changed.map((e) => (
              <li key={e.id}>
                {KIND_LABEL[e.kind]} changed: {e.title || e.id}
                <ul>
                  {e.fields.map((f) => (
                    <li key={f.field}>
                      {f.field}: <del><span className="sr-only">was </span>{show(f.before)}</del> → <ins><span className="sr-only">now </span>{show(f.after)}</ins>
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
