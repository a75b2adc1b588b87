import { useCallback, useEffect, useMemo, useState } from 'react'
import { request, ApiError } from '../../api/request'
import { Link } from '../../app/router'
import { useSession } from '../../app/session'
import type { Rollup } from '../../../shared/schemas/rollup'
import type { ItemView } from '../../../shared/schemas/items'
import type { Taxonomy } from '../../../shared/taxonomy'
import { heatmapSpec, participationSpec, statusSpec, STATUS_LABEL } from '../../../shared/rollup-charts'
import { Chart } from './chart'
import { downloadCsv } from './csv'
import { currentHalfYear, halfYears } from './periods'
import { canGenerateReport } from '../../../shared/access'

/** What a drill-down lists: the `/api/items` query behind one figure, and how to say it. */
interface Drill {
  title: string
  query: Record<string, string>
}

/**
 * The Brussels dashboard (`/rollup`): the roll-up of a period for hq and admin (staff: their own
 * hubs). Every chart has its table; every figure drills down to the items behind it; every table
 * exports as CSV; the progress report of the same period downloads in four formats.
 */
export default function RollupPage() {
  const { me } = useSession()
  const periods = useMemo(() => halfYears(), [])
  const [periodId, setPeriodId] = useState(() => currentHalfYear().id)
  const [custom, setCustom] = useState({ from: currentHalfYear().from, to: currentHalfYear().to })
  const [region, setRegion] = useState('')
  const [theme, setTheme] = useState('')
  const [rollup, setRollup] = useState<Rollup | null>(null)
  const [regions, setRegions] = useState<string[]>([])
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [drill, setDrill] = useState<Drill | null>(null)
  const [format, setFormat] = useState('pdf')
  const period = periodId === 'custom' ? { from: custom.from, to: custom.to } : periods.find((p) => p.id === periodId)!

  useEffect(() => {
    request<Taxonomy>('GET', '/api/taxonomy').then(setTaxonomy, () => {})
  }, [])
  useEffect(() => {
    const params = new URLSearchParams({ from: period.from, to: period.to, ...(region && { region }), ...(theme && { theme }) })
    setError(null)
    request<Rollup>('GET', `/api/rollup?${params}`).then(
      (r) => {
        setRollup(r)
        if (!region) setRegions([...new Set(r.hubs.map((h) => h.region))].sort())
      },
      (e: ApiError) => setError(e.message),
    )
  }, [period.from, period.to, region, theme])

  const themeLabel = useCallback((id: string) => taxonomy?.themes.find((t) => t.id === id)?.label ?? id, [taxonomy])
  const hubName = (id: string) => rollup?.hubs.find((h) => h.id === id)?.countryName ?? id
  const base = { activeFrom: period.from, activeTo: period.to }
  const drillTo = (title: string, query: Record<string, string>) => setDrill({ title, query })
  const specs = useMemo(
    () => rollup && { heat: heatmapSpec(rollup, themeLabel), participation: participationSpec(rollup), status: statusSpec(rollup) },
    [rollup, themeLabel],
  )
  const onHeatDrill = useCallback(
    (d: Record<string, unknown>) => {
      if (typeof d.hubId === 'string' && typeof d.themeId === 'string') {
        setDrill({ title: `${d.theme} in ${d.hub}`, query: { activeFrom: period.from, activeTo: period.to, hubId: d.hubId, theme: d.themeId } })
      }
    },
    [period.from, period.to],
  )
  const onStatusDrill = useCallback(
    (d: Record<string, unknown>) => {
      if (typeof d.key === 'string') setDrill({ title: `Actions: ${d.status}`, query: { activeFrom: period.from, activeTo: period.to, kind: 'action', status: d.key } })
    },
    [period.from, period.to],
  )
  if (!me) return null
  const reportAllowed = canGenerateReport(me)
  const reportHref = `/api/reports/progress?${new URLSearchParams({ from: period.from, to: period.to, format, ...(region && { region }), ...(theme && { theme }) })}`
  const topThemes = taxonomy?.themes.filter((t) => t.parent === t.id) ?? []
  const themesInMatrix = rollup ? [...new Set(rollup.matrix.map((m) => m.themeId))].sort((a, b) => themeLabel(a).localeCompare(themeLabel(b))) : []
  const cellOf = (hubId: string, themeId: string) => rollup?.matrix.find((m) => m.hubId === hubId && m.themeId === themeId)

  return (
    <main id="main" className="page rollup">
      <h1>Digital hubs dashboard</h1>
      <form className="filters" role="search" aria-label="Period and filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Period
          <select value={periodId} onChange={(e) => setPeriodId(e.target.value)}>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id} ({p.label})
              </option>
            ))}
            <option value="custom">Custom dates…</option>
          </select>
        </label>
        {periodId === 'custom' && (
          <>
            <label>
              From
              <input type="date" value={custom.from} onChange={(e) => e.target.value && setCustom({ ...custom, from: e.target.value })} />
            </label>
            <label>
              To
              <input type="date" value={custom.to} onChange={(e) => e.target.value && setCustom({ ...custom, to: e.target.value })} />
            </label>
          </>
        )}
        <label>
          Region
          <select value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">All regions</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Theme
          <select value={theme} onChange={(e) => setTheme(e.target.value)}>
            <option value="">All themes</option>
            {topThemes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {reportAllowed && (
          <span className="report">
            <label>
              Report format
              <select value={format} onChange={(e) => setFormat(e.target.value)}>
                <option value="pdf">PDF</option>
                <option value="docx">Word (DOCX)</option>
                <option value="md">Markdown</option>
                <option value="csv">CSV</option>
              </select>
            </label>
            <a className="button primary" href={reportHref} download>
              Generate report
            </a>
          </span>
        )}
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!rollup && !error && <p className="muted">Loading…</p>}
      {rollup && specs && (
        <>
          <section className="summary" aria-label="Summary">
            <button type="button" className="stat" onClick={() => drillTo('Records active in the period', base)}>
              <strong>{rollup.matrix.length ? new Set(rollup.matrix.map((m) => m.hubId)).size : 0}</strong> hubs active
            </button>
            <button type="button" className="stat" onClick={() => drillTo('Overdue actions', { overdue: 'true', kind: 'action' })}>
              <strong>{rollup.overdue.length}</strong> overdue actions
            </button>
            <button type="button" className="stat" onClick={() => drillTo('Cross-cutting items awaiting input', { crossCutting: 'true', inputStatus: 'awaiting_input' })}>
              <strong>{rollup.crossCutting.awaitingComment}</strong> awaiting cyber input
            </button>
            <span className="stat">
              <strong>{rollup.focalPoints.filter((f) => !f.hasFocalPoint).length}</strong> hubs without a digital focal point
            </span>
          </section>

          <section aria-labelledby="heat-title" className="panel">
            <div className="panel-head">
              <h2 id="heat-title">Activity by theme and hub</h2>
              <button
                type="button"
                onClick={() =>
                  downloadCsv(`activity-${period.from}-${period.to}`, ['Theme', 'Hub', 'Exchanges', 'Actions'], rollup.matrix.map((m) => [themeLabel(m.themeId), hubName(m.hubId), m.exchanges, m.actions]))
                }
              >
                Download CSV
              </button>
            </div>
            <Chart spec={specs.heat} label="Heat map of records per theme and hub; the same figures are in the table below" onDrill={onHeatDrill} />
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Theme by hub table, scrolls sideways">
              <table data-testid="matrix">
                <caption>Records active in the period per top-level theme (rows) and hub (columns); choose a number to see the items.</caption>
                <thead>
                  <tr>
                    <th scope="col">Theme</th>
                    {rollup.hubs.map((h) => (
                      <th key={h.id} scope="col">
                        {h.countryName}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {themesInMatrix.map((t) => (
                    <tr key={t}>
                      <th scope="row">{themeLabel(t)}</th>
                      {rollup.hubs.map((h) => {
                        const cell = cellOf(h.id, t)
                        const n = cell ? cell.exchanges + cell.actions : 0
                        return (
                          <td key={h.id}>
                            {n > 0 ? (
                              <button
                                type="button"
                                className="link"
                                aria-label={`${n} records on ${themeLabel(t)} in ${h.countryName}`}
                                onClick={() => drillTo(`${themeLabel(t)} in ${h.countryName}`, { ...base, hubId: h.id, theme: t })}
                              >
                                {n}
                              </button>
                            ) : (
                              <span className="muted">·</span>
                            )}
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <div className="two-col">
            <section aria-labelledby="status-title" className="panel">
              <div className="panel-head">
                <h2 id="status-title">Actions by status</h2>
                <button type="button" onClick={() => downloadCsv(`actions-by-status-${period.from}-${period.to}`, ['Status', 'Actions'], Object.entries(rollup.actionsByStatus).map(([s, n]) => [STATUS_LABEL[s] ?? s, n]))}>
                  Download CSV
                </button>
              </div>
              <Chart spec={specs.status} label="Bar chart of actions by status; the same figures are in the table below" onDrill={onStatusDrill} />
              <table>
                <caption className="sr-only">Actions active in the period by status</caption>
                <tbody>
                  {Object.entries(rollup.actionsByStatus).map(([s, n]) => (
                    <tr key={s}>
                      <th scope="row">{STATUS_LABEL[s] ?? s}</th>
                      <td>
                        <button type="button" className="link" onClick={() => drillTo(`Actions: ${STATUS_LABEL[s] ?? s}`, { ...base, kind: 'action', status: s })}>
                          {n}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section aria-labelledby="part-title" className="panel">
              <div className="panel-head">
                <h2 id="part-title">Team Europe participation</h2>
                <button
                  type="button"
                  onClick={() =>
                    downloadCsv(
                      `participation-${period.from}-${period.to}`,
                      ['Hub', 'Mission', 'Records led or taken part in'],
                      rollup.participation.flatMap((p) => p.missions.map((m) => [hubName(p.hubId), m.mission, m.contributions])),
                    )
                  }
                >
                  Download CSV
                </button>
              </div>
              <Chart spec={specs.participation} label="Bar chart of Member State embassies engaged and not engaged per hub; the same figures are in the table below" />
              <table data-testid="participation">
                <caption className="sr-only">Missions per hub and the records each led or took part in</caption>
                <thead>
                  <tr>
                    <th scope="col">Hub</th>
                    <th scope="col">Engaged</th>
                    <th scope="col">Not engaged</th>
                  </tr>
                </thead>
                <tbody>
                  {rollup.participation.map((p) => (
                    <tr key={p.hubId}>
                      <th scope="row">
                        {hubName(p.hubId)}
                        {p.euOnly && <span className="chip warn">EU delegation only</span>}
                      </th>
                      <td>
                        {p.missions
                          .filter((m) => m.contributions > 0)
                          .map((m) => (
                            <button
                              key={m.mission}
                              type="button"
                              className="chip link"
                              aria-label={`${m.mission}: ${m.contributions} records in ${hubName(p.hubId)}`}
                              onClick={() => drillTo(`${m.mission} in ${hubName(p.hubId)}`, { ...base, hubId: p.hubId, mission: m.mission })}
                            >
                              {m.mission} {m.contributions}
                            </button>
                          ))}
                      </td>
                      <td>{p.registeredMemberStates.filter((c) => !p.engagedMemberStates.includes(c)).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>

          <div className="two-col">
            <section aria-labelledby="overdue-title" className="panel">
              <div className="panel-head">
                <h2 id="overdue-title">Overdue actions</h2>
                <button type="button" onClick={() => downloadCsv('overdue-actions', ['Hub', 'Action', 'Lead', 'Due', 'Days overdue'], rollup.overdue.map((o) => [hubName(o.hubId), o.title, o.leadMission ?? '', o.due, o.daysOverdue]))}>
                  Download CSV
                </button>
              </div>
              <ul className="plain" data-testid="overdue">
                {rollup.overdue.map((o) => (
                  <li key={o.itemId}>
                    <span className="chip warn">{o.daysOverdue} days</span> {o.title} <span className="muted">— {hubName(o.hubId)}, lead {o.leadMission ?? '?'}, due {o.due}</span>
                  </li>
                ))}
                {rollup.overdue.length === 0 && <li className="muted">No overdue actions.</li>}
              </ul>
            </section>
            <section aria-labelledby="awaiting-title" className="panel">
              <div className="panel-head">
                <h2 id="awaiting-title">Awaiting cyber input</h2>
                <button
                  type="button"
                  onClick={() => downloadCsv('awaiting-cyber-input', ['Hub', 'Other hubs', 'Item', 'Requested', 'Days waiting'], rollup.crossCutting.awaiting.map((a) => [hubName(a.hubId), a.relatedHubs.map(hubName).join(', '), a.title, a.requestedAt.slice(0, 10), a.daysWaiting]))}
                >
                  Download CSV
                </button>
              </div>
              <ul className="plain">
                {rollup.crossCutting.awaiting.map((a) => (
                  <li key={a.itemId}>
                    <span className="chip accent">{a.daysWaiting} days</span> {a.title} <span className="muted">— {[a.hubId, ...a.relatedHubs].map(hubName).join(', ')}</span>
                  </li>
                ))}
                {rollup.crossCutting.awaiting.length === 0 && <li className="muted">Nothing is waiting.</li>}
              </ul>
              <p className="muted small">Open cross-cutting items: {rollup.crossCutting.open}.</p>
            </section>
          </div>

          <section aria-labelledby="focal-title" className="panel">
            <h2 id="focal-title">Digital focal points</h2>
            <ul className="plain columns">
              {rollup.focalPoints.map((f) => (
                <li key={f.hubId}>
                  {hubName(f.hubId)}: {f.hasFocalPoint ? f.name : <span className="chip warn">none</span>}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
      {drill && <DrillDown drill={drill} hubName={hubName} onClose={() => setDrill(null)} />}
    </main>
  )
}

/** The items behind a figure, from `/api/items` with the same conditions the roll-up counted. */
function DrillDown({ drill, hubName, onClose }: { drill: Drill; hubName: (id: string) => string; onClose: () => void }) {
  const [items, setItems] = useState<ItemView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setItems(null)
    request<ItemView[]>('GET', `/api/items?${new URLSearchParams({ ...drill.query, limit: '500' })}`).then(setItems, (e: ApiError) => setError(e.message))
  }, [drill])
  return (
    <section className="drawer" role="dialog" aria-modal="false" aria-labelledby="drill-title" data-testid="drill-down">
      <div className="panel-head">
        <h2 id="drill-title">{drill.title}</h2>
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {!items && !error && <p className="muted">Loading…</p>}
      {items && <p className="muted small">{items.length} items</p>}
      <ul className="plain">
        {items?.map((i) => (
          <li key={i.id} className="entry">
            <strong>{i.title || 'untitled'}</strong>{' '}
            <span className="muted small">
              {i.kind} · {hubName(i.hubId)} · {i.mission ?? '?'}
              {i.createdAt ? ` · ${i.createdAt.slice(0, 10)}` : ''}
              {i.status ? ` · ${STATUS_LABEL[i.status] ?? i.status}` : ''}
            </span>
            {i.body && <p className="body small">{i.body.length > 300 ? i.body.slice(0, 300) + '…' : i.body}</p>}
            <Link to={`/hubs/${i.hubId}/${i.kind === 'action' ? 'actions' : 'exchanges'}`}>Open in the hub</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
