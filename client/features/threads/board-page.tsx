import { useEffect, useMemo } from 'react'
import { invalidateApi, useApi } from '../../api/query'
import { text, useUrlState } from '../../app/router'
import { onLive } from '../../api/live'
import type { ItemView } from '../../../shared/schemas/items'
import { ESCALATION_LABELS, type Escalation } from '../../../shared/records'
import type { HubSummaryView } from '../../../shared/schemas/hubs'
import type { Taxonomy } from '../../../shared/taxonomy'
import { ThreadPanel, inputLabel } from '../../comments/thread-panel'
import { ErrorBanner } from '../../ui/error-banner'
import { INPUT_STATUSES } from '../../../shared/item-statuses'
import { Select } from '../../ui/select'
import { count, regionLabel } from '../../../shared/labels'

const ITEMS = '/api/items?crossCutting=true&limit=500'
const EMPTY: HubSummaryView[] = []
const BoardState = { hub: text(100), region: text(100), theme: text(200), status: text(40), thread: text(300) }

const DAY = 86_400_000
const daysSince = (iso: string | null) => (iso ? Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / DAY)) : null)

/**
 * The cross-cutting board (`/cross-cutting`): every item flagged cross-cutting that the person may
 * read, items awaiting the cyber ambassadors' input first, longest waiting first.
 */
export default function BoardPage() {
  const itemsQ = useApi<ItemView[]>(ITEMS)
  const items = itemsQ.data ?? null
  const error = itemsQ.error?.message ?? null
  const hubs = useApi<HubSummaryView[]>('/api/hubs').data ?? EMPTY
  const taxonomy = useApi<Taxonomy>('/api/taxonomy', { staleTime: Infinity }).data ?? null
  // Filters and the open thread live in the URL: a link to the board opens the same view.
  const [url, setUrl] = useUrlState(BoardState)
  const filter = { hub: url.hub ?? '', region: url.region ?? '', theme: url.theme ?? '', status: url.status ?? '' }
  const setFilter = (f: typeof filter) => setUrl(f)
  const open = url.thread ?? null
  const setOpen = (thread: string | null) => setUrl({ thread }, { replace: false })
  useEffect(() => onLive('thread', () => void invalidateApi(ITEMS)), [])
  const hubOf = useMemo(() => new Map(hubs.map((h) => [h.id, h])), [hubs])
  const themeLabel = (id: string) => taxonomy?.themes.find((t) => t.id === id)?.label ?? id
  const shown = (items ?? [])
    .filter((i) => !filter.hub || i.hubId === filter.hub || i.relatedHubs.includes(filter.hub))
    .filter((i) => !filter.region || hubOf.get(i.hubId)?.region === filter.region)
    .filter((i) => !filter.theme || i.themes.some((t) => t === filter.theme || t.startsWith(filter.theme + '.')))
    .filter((i) => !filter.status || (i.inputStatus ?? 'open') === filter.status)
    .sort((a, b) => {
      const wa = a.inputStatus === 'awaiting_input' ? 0 : 1
      const wb = b.inputStatus === 'awaiting_input' ? 0 : 1
      if (wa !== wb) return wa - wb
      return (a.inputRequestedAt ?? a.createdAt ?? '').localeCompare(b.inputRequestedAt ?? b.createdAt ?? '')
    })
  const regions = [...new Set(hubs.map((h) => h.region))].sort()
  return (
    <main id="main" className="page">
      <h1>Cross-cutting items</h1>
      <p className="muted">Items the hubs flagged for the EU cyber ambassadors; those awaiting input come first, longest waiting first.</p>
      <div className="filters" role="group" aria-label="Filter items">
        <Select label="Hub" value={filter.hub} onChange={(hub) => setFilter({ ...filter, hub })} empty="All hubs" options={hubs.map((h) => ({ value: h.id, label: h.countryName }))} />
        <Select label="Region" value={filter.region} onChange={(region) => setFilter({ ...filter, region })} empty="All regions" options={regions.map((r) => ({ value: r, label: regionLabel(r) }))} />
        <Select
          label="Theme"
          value={filter.theme}
          onChange={(theme) => setFilter({ ...filter, theme })}
          empty="All themes"
          options={(taxonomy?.themes ?? []).filter((t) => t.parent === t.id).map((t) => ({ value: t.id, label: t.label }))}
        />
        <Select
          label="Input"
          value={filter.status}
          onChange={(status) => setFilter({ ...filter, status })}
          empty="Any state"
          options={INPUT_STATUSES.map((k) => ({ value: k, label: inputLabel(k) }))}
        />
      </div>
      <ErrorBanner message={error} />
      {!items && !error && <p className="muted">Loading…</p>}
      <ol className="feed" aria-label="Cross-cutting items">
        {shown.map((i) => {
          const waiting = i.inputStatus === 'awaiting_input' ? daysSince(i.inputRequestedAt ?? i.createdAt) : null
          return (
            <li key={i.id} className="entry" data-testid="board-item">
              <h2 className="h3">
                <button type="button" className="link" onClick={() => setOpen(i.id)}>
                  {i.title || 'untitled'}
                </button>
              </h2>
              <p className="muted small">
                {[i.hubId, ...i.relatedHubs].map((h) => hubOf.get(h)?.countryName ?? h).join(', ')} · {i.kind === 'action' ? 'Action' : 'Exchange'} · {daysSince(i.createdAt) === null ? 'age unknown' : `${count(daysSince(i.createdAt)!, 'day')} old`} ·{' '}
                {count(i.commentCount ?? 0, 'comment')}
              </p>
              <p>
                <span className={`chip ${i.inputStatus === 'awaiting_input' ? 'warn' : ''}`} data-testid="board-status">
                  {inputLabel(i.inputStatus ?? 'open')}
                  {waiting !== null && ` · waiting ${count(waiting, 'day')}`}
                </span>
                {i.escalation && i.escalation !== 'none' && (
                  <span className="chip accent" data-testid="board-escalation">
                    escalated to {ESCALATION_LABELS[i.escalation as Escalation] ?? i.escalation}
                  </span>
                )}
                {i.themes.map((t) => (
                  <span key={t} className="chip">
                    {themeLabel(t)}
                  </span>
                ))}
                {i.forums.map((f) => (
                  <span key={f} className="chip">
                    {taxonomy?.forums.find((x) => x.id === f)?.label ?? f}
                  </span>
                ))}
              </p>
            </li>
          )
        })}
        {items && shown.length === 0 && <li className="muted">No cross-cutting items match.</li>}
      </ol>
      {open && <ThreadPanel itemId={open} onClose={() => setOpen(null)} />}
    </main>
  )
}
