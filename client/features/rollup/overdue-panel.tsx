import type { FigureTable } from '../../../shared/rollup-tables'
import { useT } from '../../i18n/provider'
import { formatDay } from '../../ui/format'
import type { PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Actions past their due date, longest overdue first. */
export function OverduePanel({ rollup, hubName, table }: Pick<PanelProps, 'rollup' | 'hubName'> & { table: FigureTable }) {
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
    </section>
  )
}
