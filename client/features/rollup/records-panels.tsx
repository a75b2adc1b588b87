import { useCallback, useMemo } from 'react'
import { actionStatusLabel } from '../../i18n/statuses'
import { useLanguage, useT } from '../../i18n/provider'
import { termLabelIn, termText } from '../../i18n/terms'
import { recordBarSpec, type RecordBar } from '../../../shared/rollup-record-charts'
import { recordTables, type FigureTable } from '../../../shared/rollup-tables'
import { actionKindLabel, counterpartLabel, escalationLabel } from '../../i18n/records'
import { Table } from '../../ui/table'
import { useTaxonomy } from '../log/use-log'
import { Chart } from './chart'
import { activeIn, type PanelProps } from './drill'
import { PanelHead } from './panel-head'
import { GgProjectLink } from '../references/reference-links'
import { partnershipPath } from '../references/reference-api'
import { Link } from '../../app/router'
import { ggProjectName } from '../references/record-refs'

/** A row of a question's table: its cells, and the drill-down behind its count. */
interface Row {
  key: string
  cells: (string | number)[]
  count: number
  drill: Record<string, string>
  /** The page of what the row names (a partnership's), when it has one. */
  to?: string
}

/** One question: chart, table with drill-down buttons, CSV. */
function RecordPanel({ id, title, xTitle, columns, rows, table, period, drillTo, periodBound = true }: {
  /** The figures count records active in the period (escalations count every open item, as the cross-cutting figures do). */
  periodBound?: boolean
  id: string
  title: string
  xTitle: string
  columns: string[]
  rows: Row[]
  table: FigureTable
  period: PanelProps['period']
  drillTo: PanelProps['drillTo']
}) {
  const bars: RecordBar[] = useMemo(() => rows.map((r) => ({ label: String(r.cells[0]), key: r.key, count: r.count })), [rows])
  const t = useT()
  const spec = useMemo(() => recordBarSpec(title, bars, xTitle), [title, bars, xTitle])
  const byKey = useMemo(() => new Map(rows.map((r) => [r.key, r])), [rows])
  const onDrill = useCallback(
    (d: Record<string, unknown>) => {
      const row = typeof d.key === 'string' ? byKey.get(d.key) : undefined
      if (row) drillTo(t('rollup.titleRow', { title, row: String(row.cells[0]) }), { ...(periodBound ? activeIn(period) : {}), ...row.drill })
    },
    [byKey, drillTo, period.from, period.to, title, periodBound, t],
  )
  return (
    <section aria-labelledby={`${id}-title`} className="panel" data-testid={id}>
      <PanelHead id={`${id}-title`} title={title} file={`${id}-${period.from}-${period.to}`} table={table} />
      {rows.length === 0 ? (
        <p className="muted">{t('rollup.nothingRecorded')}</p>
      ) : (
        <>
          <Chart spec={spec} label={t('rollup.barChart', { title })} onDrill={onDrill} />
          <Table caption={title} captionHidden columns={columns}>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.to ? <Link to={r.to}>{r.cells[0]}</Link> : r.cells[0]}</th>
                {r.cells.slice(1).map((c, i) => (
                  <td key={i}>
                    {i === 0 ? (
                      <button type="button" className="link" aria-label={t('rollup.rowRecords', { label: String(r.cells[0]), count: r.count })} onClick={() => drillTo(t('rollup.titleRow', { title, row: String(r.cells[0]) }), { ...(periodBound ? activeIn(period) : {}), ...r.drill })}>
                        {c}
                      </button>
                    ) : (
                      c
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  )
}

/** Roll-up questions 6–10 and escalations, each with chart, table and drill-down. */
export function RecordsPanels(props: PanelProps) {
  const { rollup, period, drillTo, hubName } = props
  const taxonomy = useTaxonomy()
  const t = useT()
  const r = rollup.records
  const { language } = useLanguage()
  const forumLabel = useCallback((id: string) => (taxonomy ? termLabelIn(taxonomy.forums, id, language) : id), [taxonomy, language])
  const partnershipLabel = useCallback((id: string) => {
    const term = taxonomy?.partnerships?.find((p) => p.id === id)
    return term ? termText(term, language) : id
  }, [taxonomy, language])
  const tables = useMemo(() => recordTables(rollup, { themeLabel: props.themeLabel, forumLabel, partnershipLabel }), [rollup, props.themeLabel, forumLabel, partnershipLabel])
  const common = { period, drillTo }
  return (
    <>
      <div className="two-col">
        <RecordPanel id="forums" title={t('records.forums')} xTitle={t('col.records')} columns={[t('col.forum'), t('col.records'), t('col.exchanges'), t('col.actions'), t('col.hubs')]} table={tables.forums} {...common}
          rows={r.forums.map((f) => ({ key: f.forumId, count: f.exchanges + f.actions, cells: [f.parent ? `↳ ${forumLabel(f.forumId)}` : forumLabel(f.forumId), f.exchanges + f.actions, f.exchanges, f.actions, f.hubs], drill: { forum: f.forumId } }))} />
        <RecordPanel id="partnerships" title={t('records.partnerships')} xTitle={t('col.records')} columns={[t('col.partnership'), t('col.records'), t('col.exchanges'), t('col.actions'), t('col.hubs')]} table={tables.partnerships} {...common}
          rows={r.partnerships.map((p) => ({ key: p.partnershipId, count: p.exchanges + p.actions, cells: [partnershipLabel(p.partnershipId), p.exchanges + p.actions, p.exchanges, p.actions, p.hubs], drill: { partnership: p.partnershipId }, to: partnershipPath(p.partnershipId) }))} />
      </div>
      <div className="two-col">
        <RecordPanel id="global-gateway" title={t('records.gg')} xTitle={t('col.actions')} columns={[t('col.kind'), t('col.actions'), t('col.planned'), t('col.inProgress'), t('col.done'), t('col.dropped')]} table={tables.globalGateway} {...common}
          rows={r.globalGateway.byKind.map((k) => ({
            key: k.actionKind, count: k.planned + k.in_progress + k.done + k.dropped,
            cells: [actionKindLabel(k.actionKind), k.planned + k.in_progress + k.done + k.dropped, k.planned, k.in_progress, k.done, k.dropped],
            drill: { kind: 'action', actionKind: k.actionKind },
          }))} />
        <RecordPanel id="counterparts" title={t('records.counterparts')} xTitle={t('col.exchanges')} columns={[t('col.counterpart'), t('col.exchanges'), t('col.hubs')]} table={tables.counterparts} {...common}
          rows={r.counterparts.map((c) => ({ key: c.counterpart, count: c.exchanges, cells: [counterpartLabel(c.counterpart), c.exchanges, c.hubs], drill: { kind: 'exchange', counterpart: c.counterpart } }))} />
      </div>
      {r.globalGateway.actions.length > 0 && (
        <section aria-labelledby="gg-list-title" className="panel">
          <h2 id="gg-list-title">{t('records.ggList')}</h2>
          <Table caption={t('records.ggCaption')} captionHidden columns={[t('col.hub'), t('col.action'), t('col.kind'), t('col.project'), t('col.status'), t('col.outcome')]}>
            {r.globalGateway.actions.map((a) => (
              <tr key={a.itemId}>
                <th scope="row">{hubName(a.hubId)}</th>
                <td>{a.title}</td>
                <td>{actionKindLabel(a.actionKind)}</td>
                <td>{a.ggProject ? <GgProjectLink id={a.ggProject} label={ggProjectName(taxonomy, a.ggProject)} /> : '—'}</td>
                <td>{a.status ? actionStatusLabel(a.status) : '—'}</td>
                <td>{a.obstacle ?? '—'}</td>
              </tr>
            ))}
          </Table>
        </section>
      )}
      <div className="two-col">
        <RecordPanel id="member-states" title={t('records.memberStates')} xTitle={t('col.records')} columns={[t('col.memberState'), t('col.records'), t('col.hubsRegistered'), t('col.hubsActive')]} table={tables.memberStates} {...common}
          rows={r.memberStates.map((m) => ({ key: m.mission, count: m.records, cells: [m.mission, m.records, m.registeredHubs, m.activeHubs], drill: { participant: m.mission } }))} />
        <RecordPanel id="escalation" periodBound={false} title={t('records.escalation')} xTitle={t('col.items')} columns={[t('col.escalatedTo'), t('col.items')]} table={tables.escalation} {...common}
          rows={Object.entries(r.escalation).map(([e, n]) => ({ key: e, count: n, cells: [escalationLabel(e), n], drill: { crossCutting: 'true', escalation: e } }))} />
      </div>
    </>
  )
}
