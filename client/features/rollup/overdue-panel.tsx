import type { FigureTable } from '../../../shared/rollup-tables'
import type { PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Actions past their due date, longest overdue first. */
export function OverduePanel({ rollup, hubName, table }: Pick<PanelProps, 'rollup' | 'hubName'> & { table: FigureTable }) {
  return (
    <section aria-labelledby="overdue-title" className="panel">
      <PanelHead id="overdue-title" title="Overdue actions" file="overdue-actions" table={table} />
      <ul className="plain" data-testid="overdue">
        {rollup.overdue.map((o) => (
          <li key={o.itemId}>
            <span className="chip warn">{o.daysOverdue} days</span> {o.title} <span className="muted">— {hubName(o.hubId)}, lead {o.leadMission ?? '?'}, due {o.due}</span>
          </li>
        ))}
        {rollup.overdue.length === 0 && <li className="muted">No overdue actions.</li>}
      </ul>
    </section>
  )
}
