import { useMemo } from 'react'
import { participationSpec } from '../../../shared/rollup-charts'
import type { FigureTable } from '../../../shared/rollup-tables'
import { Table } from '../../ui/table'
import { Chart } from './chart'
import { activeIn, type PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Team Europe participation: which Member State embassies took part in each hub's work. */
export function ParticipationPanel({ rollup, period, hubName, drillTo, table }: Omit<PanelProps, 'themeLabel'> & { table: FigureTable }) {
  const spec = useMemo(() => participationSpec(rollup), [rollup])
  return (
    <section aria-labelledby="part-title" className="panel">
      <PanelHead id="part-title" title="Team Europe participation" file={`participation-${period.from}-${period.to}`} table={table} />
      <Chart spec={spec} label="Bar chart of Member State embassies engaged and not engaged per hub; the same figures are in the table below" />
      <Table testId="participation" caption="Missions per hub and the records each led or took part in" captionHidden columns={['Hub', 'Engaged', 'Not engaged']}>
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
                    onClick={() => drillTo(`${m.mission} in ${hubName(p.hubId)}`, { ...activeIn(period), hubId: p.hubId, mission: m.mission })}
                  >
                    {m.mission} {m.contributions}
                  </button>
                ))}
            </td>
            <td>{p.registeredMemberStates.filter((c) => !p.engagedMemberStates.includes(c)).join(', ') || '—'}</td>
          </tr>
        ))}
      </Table>
    </section>
  )
}
