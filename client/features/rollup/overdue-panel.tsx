import type { FigureTable } from '../../../shared/rollup-tables'
import { useT } from '../../i18n/provider'
import { formatDay, formatNumber } from '../../ui/format'
import type { PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Actions past their due date, longest overdue first: the first ones, and all of them in the item list. */
export function OverduePanel({ rollup, hubName, drillTo, table }: Pick<PanelProps, 'rollup' | 'hubName' | 'drillTo'> & { table: FigureTable }) {
  const t = useT()
  return (
    <section aria-labelledby="overdue-title" className="panel">
      <PanelHead id="overdue-title" title={t('rollup.overdueActions')} file="overdue-actions" table={table} />
      <ul className="plain" data-testid="overdue">
        {rollup.overdue.map((o) => (
          <li key={o.itemId}>
            <span className="chip warn">{t('rollup.days', { count: o.daysOverdue })}</span> {o.title} <span className="muted">{t('rollup.overdueLine', { hub: hubName(o.hubId), lead: o.leadMission ?? '?', due: formatDay(o.due) })}</span>
          </li>
        ))}
        {rollup.overdue.length === 0 && <li className="muted">{t('rollup.noOverdue')}</li>}
      </ul>
      {rollup.overdueTotal > rollup.overdue.length && (
        <p className="muted" data-testid="overdue-more">
          {t('rollup.overdueShown', { shown: formatNumber(rollup.overdue.length), total: formatNumber(rollup.overdueTotal) })}{' '}
          <button type="button" className="link" onClick={() => drillTo(t('rollup.overdueActions'), { overdue: 'true', kind: 'action' })}>
            {t('rollup.overdueAll')}
          </button>
        </p>
      )}
    </section>
  )
}
