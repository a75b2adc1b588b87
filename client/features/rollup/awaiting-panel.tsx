import type { FigureTable } from '../../../shared/rollup-tables'
import { useT } from '../../i18n/provider'
import type { PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Cross-cutting items waiting for the cyber ambassadors' input. */
export function AwaitingPanel({ rollup, hubName, table }: Pick<PanelProps, 'rollup' | 'hubName'> & { table: FigureTable }) {
  const t = useT()
  return (
    <section aria-labelledby="awaiting-title" className="panel">
      <PanelHead id="awaiting-title" title={t('rollup.awaiting')} file="awaiting-cyber-input" table={table} />
      <ul className="plain">
        {rollup.crossCutting.awaiting.map((a) => (
          <li key={a.itemId}>
            <span className="chip accent">{t('rollup.days', { count: a.daysWaiting })}</span> {a.title} <span className="muted">— {[a.hubId, ...a.relatedHubs].map(hubName).join(', ')}</span>
          </li>
        ))}
        {rollup.crossCutting.awaiting.length === 0 && <li className="muted">{t('rollup.nothingWaiting')}</li>}
      </ul>
      <p className="muted small">{t('rollup.openCross', { count: rollup.crossCutting.open })}</p>
    </section>
  )
}
