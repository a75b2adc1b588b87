import { useCallback, useMemo } from 'react'
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
  const onDrill = useCallback(
    (d: Record<string, unknown>) => {
      if (typeof d.hubId === 'string' && typeof d.themeId === 'string') drillTo(`${d.theme} in ${d.hub}`, { ...activeIn(period), hubId: d.hubId, theme: d.themeId })
    },
    [period.from, period.to, drillTo],
  )
  return (
    <section aria-labelledby="heat-title" className="panel">
      <PanelHead id="heat-title" title="Activity by theme and hub" file={`activity-${period.from}-${period.to}`} table={table} />
      <Chart spec={spec} label="Heat map of records per theme and hub; the same figures are in the table below" onDrill={onDrill} />
      <ScrollRegion label="Theme by hub table, scrolls sideways">
        <Table
          testId="matrix"
          caption="Records active in the period per top-level theme (rows) and hub (columns); choose a number to see the items."
          columns={['Theme', ...rollup.hubs.map((h) => h.countryName)]}
        >
          {grid.themes.map((t) => (
            <tr key={t}>
              <th scope="row">{themeLabel(t)}</th>
              {rollup.hubs.map((h) => {
                const n = grid.records(h.id, t)
                return (
                  <td key={h.id}>
                    {n > 0 ? (
                      <button
                        type="button"
                        className="link"
                        aria-label={`${n} records on ${themeLabel(t)} in ${h.countryName}`}
                        onClick={() => drillTo(`${themeLabel(t)} in ${h.countryName}`, { ...activeIn(period), hubId: h.id, theme: t })}
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
