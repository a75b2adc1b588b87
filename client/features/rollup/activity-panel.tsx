import { useCallback, useMemo } from 'react'
import { useT } from '../../i18n/provider'
import { heatmapSpec } from '../../../shared/rollup-charts'
import { activityGrid, type FigureTable } from '../../../shared/rollup-tables'
import { ScrollRegion, Table } from '../../ui/table'
import { Chart } from './chart'
import { activeIn, type PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Records per theme and hub: the heat map and, for everyone, the same figures as a table. */
export function ActivityPanel({ rollup, period, themeLabel, drillTo, table }: Omit<PanelProps, 'hubName'> & { table: FigureTable }) {
  const spec = useMemo(() => heatmapSpec(rollup, themeLabel), [rollup, themeLabel])
  const grid = useMemo(() => activityGrid(rollup, themeLabel), [rollup, themeLabel])
  const t = useT()
  const onDrill = useCallback(
    (d: Record<string, unknown>) => {
      if (typeof d.hubId === 'string' && typeof d.themeId === 'string') drillTo(t('rollup.themeInHub', { theme: String(d.theme), hub: String(d.hub) }), { ...activeIn(period), hubId: d.hubId, theme: d.themeId })
    },
    [period.from, period.to, drillTo, t],
  )
  return (
    <section aria-labelledby="heat-title" className="panel">
      <PanelHead id="heat-title" title={t('rollup.activity')} file={`activity-${period.from}-${period.to}`} table={table} />
      <Chart spec={spec} label={t('rollup.heatChart')} onDrill={onDrill} />
      <ScrollRegion label={t('rollup.matrixScroll')}>
        <Table
          testId="matrix"
          caption={t('rollup.matrixCaption')}
          columns={[t('col.theme'), ...rollup.hubs.map((h) => h.countryName)]}
        >
          {grid.themes.map((th) => (
            <tr key={th}>
              <th scope="row">{themeLabel(th)}</th>
              {rollup.hubs.map((h) => {
                const n = grid.records(h.id, th)
                return (
                  <td key={h.id}>
                    {n > 0 ? (
                      <button
                        type="button"
                        className="link"
                        aria-label={t('rollup.matrixCell', { count: n, theme: themeLabel(th), hub: h.countryName })}
                        onClick={() => drillTo(t('rollup.themeInHub', { theme: themeLabel(th), hub: h.countryName }), { ...activeIn(period), hubId: h.id, theme: th })}
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
        </Table>
      </ScrollRegion>
    </section>
  )
}
