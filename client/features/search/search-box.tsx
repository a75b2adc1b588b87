import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { termText } from '../../i18n/terms'
import { useApi } from '../../api/query'
import { useRouter } from '../../app/router'
import { listThemes, type Taxonomy } from '../../../shared/taxonomy'
import type { SearchHit } from '../../../shared/schemas/items'
import type { HubSummaryView } from '../../../shared/schemas/hubs'
import type { PeriodView } from '../../../shared/schemas/periods'
import type { MeView } from '../../../shared/schemas/auth'
import { dayLabel } from '../../ui/periods'
import { Highlighted } from './highlighted'
import { hitUrl, kindLabel, kindsLabel, SEARCH_KINDS } from './hit-url'
import { useSearch, type SearchFilters } from './use-search'
import './search.css'

/** What the filters offer: asked when the search is first opened, then from the cache. */
function useChoices(open: boolean) {
  const [asked, setAsked] = useState(false)
  useEffect(() => {
    if (open) setAsked(true)
  }, [open])
  const hubs = useApi<HubSummaryView[]>(asked ? '/api/hubs' : null).data
  const taxonomy = useApi<Taxonomy>(asked ? '/api/taxonomy' : null, { staleTime: Infinity }).data
  const periods = useApi<PeriodView[]>(asked ? '/api/periods' : null).data
  const themes = useMemo(() => (taxonomy ? listThemes(taxonomy, { topLevelOnly: true }) : []), [taxonomy])
  return { hubs: hubs ?? [], themes, periods: periods ?? [] }
}

/** Hits grouped by hub, groups in the order of their best hit (the server ranks). */
function byHub(hits: SearchHit[]): { hubId: string; hits: SearchHit[] }[] {
  const groups = new Map<string, SearchHit[]>()
  for (const h of hits) groups.set(h.hubId, [...(groups.get(h.hubId) ?? []), h])
  return [...groups].map(([hubId, hs]) => ({ hubId, hits: hs }))
}

const NO_FILTERS: SearchFilters = { hubId: '', kind: '', theme: '', period: '' }

/**
 * The header's search: `/` focuses it; results grouped by hub, with the matched words marked;
 * arrows move through them, Enter opens one at its place, Escape closes. A combobox with a listbox
 * (WAI-ARIA pattern): focus stays in the field, the active option is announced.
 */
export function SearchBox({ me }: { me: MeView }) {
  const { navigate } = useRouter()
  const [q, setQ] = useState('')
  const [open, setOpen] = useState(false)
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS)
  const t = useT()
  const { language } = useLanguage()
  const [active, setActive] = useState(-1)
  const input = useRef<HTMLInputElement>(null)
  const root = useRef<HTMLFormElement>(null)
  const base = useId()
  const choices = useChoices(open)
  const state = useSearch(q, filters)
  const hits = state.status === 'done' ? state.hits : []
  const groups = useMemo(() => byHub(hits), [hits])
  // The flat order the arrows walk: group by group, as shown.
  const flat = useMemo(() => groups.flatMap((g) => g.hits), [groups])
  const hubName = (id: string) => {
    const h = choices.hubs.find((x) => x.id === id)
    return h ? `${h.countryName} — ${h.name}` : id
  }
  const optionId = (i: number) => `${base}-opt-${i}`

  useEffect(() => setActive(-1), [state])
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return
      // Typing a slash into a field or the editor stays typing.
      const t = e.target as HTMLElement | null
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return
      e.preventDefault()
      input.current?.focus()
      setOpen(true)
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  const openHit = (h: SearchHit) => {
    setOpen(false)
    navigate(hitUrl(h, me))
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setOpen(true)
      if (!flat.length) return
      const step = e.key === 'ArrowDown' ? 1 : -1
      const next = (active + step + flat.length) % flat.length
      setActive(next)
      document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' })
    } else if (e.key === 'Enter') {
      e.preventDefault()
      const h = flat[active >= 0 ? active : 0]
      if (h) openHit(h)
    } else if (e.key === 'Escape') {
      if (open) e.preventDefault()
      setOpen(false)
    }
  }
  const setFilter = (k: keyof SearchFilters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }))
  const showPanel = open && q.trim().length >= 2
  let index = 0

  return (
    <form
      role="search"
      className="search"
      ref={root}
      onSubmit={(e) => e.preventDefault()}
      onBlur={(e) => {
        if (!root.current?.contains(e.relatedTarget as Node | null)) setOpen(false)
      }}
    >
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={showPanel}
        aria-controls={`${base}-results`}
        aria-autocomplete="list"
        aria-activedescendant={showPanel && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/"
        placeholder={t('search.placeholder')}
        value={q}
        onChange={(e) => (setQ(e.target.value), setOpen(true))}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      {showPanel && (
        <div className="search-panel" data-testid="search-panel">
          <fieldset className="search-filters">
            <legend className="sr-only">{t('search.filters')}</legend>
            <FilterSelect label={t('search.hub')} value={filters.hubId} onChange={setFilter('hubId')} options={choices.hubs.map((h) => [h.id, `${h.countryName} — ${h.name}`])} />
            <FilterSelect label={t('search.kind')} value={filters.kind} onChange={setFilter('kind')} options={SEARCH_KINDS.map((k) => [k, kindsLabel(k)])} />
            <FilterSelect label={t('search.theme')} value={filters.theme} onChange={setFilter('theme')} options={choices.themes.map((x) => [x.id, termText(x, language)])} />
            <FilterSelect
              label={t('search.period')}
              value={filters.period}
              onChange={setFilter('period')}
              options={choices.periods.map((p) => [`${p.start}/${p.end}`, `${p.id} (${dayLabel(p.start)} – ${dayLabel(p.end)})`])}
            />
          </fieldset>
          <p role="status" className="small muted search-status" data-testid="search-status">
            {state.status === 'loading' || state.status === 'idle'
              ? t('search.searching')
              : state.status === 'error'
                ? state.message
                : hits.length === 0
                  ? t('search.none')
                  : t('search.count', { count: hits.length, hubs: groups.length })}
          </p>
          <div role="listbox" id={`${base}-results`} aria-label={t('search.results')} className="search-results" data-testid="search-results">
            {groups.map((g) => (
              <div role="group" key={g.hubId} aria-labelledby={`${base}-g-${g.hubId}`} className="search-group">
                <div role="presentation" id={`${base}-g-${g.hubId}`} className="search-group-title">
                  {hubName(g.hubId)}
                </div>
                {g.hits.map((h) => {
                  const i = index++
                  return (
                    <div
                      role="option"
                      key={`${h.kind}:${h.commentId ?? h.itemId ?? h.docName}`}
                      id={optionId(i)}
                      aria-selected={i === active}
                      className={i === active ? 'search-hit active' : 'search-hit'}
                      data-testid="search-hit"
                      data-url={hitUrl(h, me)}
                      // mousedown, not click: the field's blur would close the panel first.
                      onMouseDown={(e) => (e.preventDefault(), openHit(h))}
                      onMouseMove={() => setActive(i)}
                    >
                      <span className="search-hit-kind">{kindLabel(h.kind)}</span>{' '}
                      <span className="search-hit-title">{h.title}</span>
                      <span className="search-hit-snippet">
                        <Highlighted text={h.snippet} ranges={h.highlights} />
                      </span>
                    </div>
                  )
                })}
              </div>
            ))}
          </div>
        </div>
      )}
    </form>
  )
}

function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  const t = useT()
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('search.any')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  )
}
