import { useCallback, useMemo } from 'react'
import { useT } from '../../i18n/provider'
import { statusSpec } from '../../../shared/rollup-charts'
import { actionStatusLabel } from '../../i18n/statuses'
import type { FigureTable } from '../../../shared/rollup-tables'
import { Table } from '../../ui/table'
import { Chart } from './chart'
import { activeIn, type PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Actions active in the period by status: bar chart and table. */
export function StatusPanel({ rollup, period, drillTo, table }: Pick<PanelProps, 'rollup' | 'period' | 'drillTo'> & { table: FigureTable }) {
  const spec = useMemo(() => statusSpec(rollup), [rollup])
  const t = useT()
  const onDrill = useCallback(
    (d: Record<string, unknown>) => {
      if (typeof d.key === 'string') drillTo(t('rollup.actionsStatus', { status: String(d.status) }), { ...activeIn(period), kind: 'action', status: d.key })
    },
    [period.from, period.to, drillTo, t],
  )
  return (
    <section aria-labelledby="status-title" className="panel">
      <PanelHead id="status-title" title={t('rollup.byStatus')} file={`actions-by-status-${period.from}-${period.to}`} table={table} />
      <Chart spec={spec} label={t('rollup.byStatusChart')} onDrill={onDrill} />
      <Table caption={t('rollup.byStatusCaption')} captionHidden>
        {Object.entries(rollup.actionsByStatus).map(([s, n]) => (
          <tr key={s}>
            <th scope="row">{actionStatusLabel(s)}</th>
            <td>
              <button type="button" className="link" onClick={() => drillTo(t('rollup.actionsStatus', { status: actionStatusLabel(s) }), { ...activeIn(period), kind: 'action', status: s })}>
                {n}
              </button>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  )
}
