import type { FigureTable } from '../../../shared/rollup-tables'
import type { PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Cross-cutting items waiting for the cyber ambassadors' input. */
export function AwaitingPanel({ rollup, hubName, table }: Pick<PanelProps, 'rollup' | 'hubName'> & { table: FigureTable }) {
  return (
    <section aria-labelledby="awaiting-title" className="panel">
      <PanelHead id="awaiting-title" title="Awaiting cyber input" file="awaiting-cyber-input" table={table} />
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
  )
}
