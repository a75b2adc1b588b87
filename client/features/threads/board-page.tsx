import { useEffect, useMemo } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { escalationLabel } from '../../i18n/records'
import { termLabelIn, termText } from '../../i18n/terms'
import { invalidateApi, useApi } from '../../api/query'
import { text, useUrlState } from '../../app/router'
import { onLive } from '../../api/live'
import type { ItemView } from '../../../shared/schemas/items'
import type { HubSummaryView } from '../../../shared/schemas/hubs'
import type { Taxonomy } from '../../../shared/taxonomy'
import { ThreadPanel, inputLabel } from '../../comments/thread-panel'
import { ErrorBanner } from '../../ui/error-banner'
import { INPUT_STATUSES } from '../../../shared/item-statuses'
import { Select } from '../../ui/select'
import { regionLabel } from '../../../shared/labels'

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
  const t = useT()
  const { language } = useLanguage()
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
  const themeLabel = (id: string) => termLabelIn(taxonomy?.themes, id, language)
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
      <h1>{t('board.title')}</h1>
      <p className="muted">{t('board.intro')}</p>
      <div className="filters" role="group" aria-label={t('board.filter')}>
        <Select label={t('board.hub')} value={filter.hub} onChange={(hub) => setFilter({ ...filter, hub })} empty={t('board.allHubs')} options={hubs.map((h) => ({ value: h.id, label: h.countryName }))} />
        <Select label={t('rollup.region')} value={filter.region} onChange={(region) => setFilter({ ...filter, region })} empty={t('rollup.allRegions')} options={regions.map((r) => ({ value: r, label: regionLabel(r, language) }))} />
        <Select
          label={t('rollup.theme')}
          value={filter.theme}
          onChange={(theme) => setFilter({ ...filter, theme })}
          empty={t('rollup.allThemes')}
          options={(taxonomy?.themes ?? []).filter((x) => x.parent === x.id).map((x) => ({ value: x.id, label: termText(x, language) }))}
        />
        <Select
          label={t('board.input')}
          value={filter.status}
          onChange={(status) => setFilter({ ...filter, status })}
          empty={t('board.anyState')}
          options={INPUT_STATUSES.map((k) => ({ value: k, label: inputLabel(k) }))}
        />
      </div>
      <ErrorBanner message={error} />
      {!items && !error && <p className="muted">{t('common.loading')}</p>}
      <ol className="feed" aria-label={t('board.title')}>
        {shown.map((i) => {
          const waiting = i.inputStatus === 'awaiting_input' ? daysSince(i.inputRequestedAt ?? i.createdAt) : null
          return (
            <li key={i.id} className="entry" data-testid="board-item">
              <h2 className="h3">
                <button type="button" className="link" onClick={() => setOpen(i.id)}>
                  {i.title || t('log.untitled')}
                </button>
              </h2>
              <p className="muted small">
                {[i.hubId, ...i.relatedHubs].map((h) => hubOf.get(h)?.countryName ?? h).join(', ')} · {i.kind === 'action' ? t('rollup.kindAction') : t('rollup.kindExchange')} · {daysSince(i.createdAt) === null ? t('board.ageUnknown') : t('board.age', { count: daysSince(i.createdAt)! })} ·{' '}
                {t('board.comments', { count: i.commentCount ?? 0 })}
              </p>
              <p>
                <span className={`chip ${i.inputStatus === 'awaiting_input' ? 'warn' : ''}`} data-testid="board-status">
                  {inputLabel(i.inputStatus ?? 'open')}
                  {waiting !== null && t('board.waiting', { count: waiting })}
                </span>
                {i.escalation && i.escalation !== 'none' && (
                  <span className="chip accent" data-testid="board-escalation">
                    {t('board.escalatedTo', { to: escalationLabel(i.escalation) })}
                  </span>
                )}
                {i.themes.map((t) => (
                  <span key={t} className="chip">
                    {themeLabel(t)}
                  </span>
                ))}
                {i.forums.map((f) => (
                  <span key={f} className="chip">
                    {termLabelIn(taxonomy?.forums, f, language)}
                  </span>
                ))}
              </p>
            </li>
          )
        })}
        {items && shown.length === 0 && <li className="muted">{t('board.none')}</li>}
      </ol>
      {open && <ThreadPanel itemId={open} onClose={() => setOpen(null)} />}
    </main>
  )
}
