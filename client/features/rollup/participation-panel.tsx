import { useMemo } from 'react'
import { useT } from '../../i18n/provider'
import { participationSpec } from '../../../shared/rollup-charts'
import type { FigureTable } from '../../../shared/rollup-tables'
import { Table } from '../../ui/table'
import { Chart } from './chart'
import { activeIn, type PanelProps } from './drill'
import { PanelHead } from './panel-head'

/** Team Europe participation: which Member State embassies took part in each hub's work. */
export function ParticipationPanel({ rollup, period, hubName, drillTo, table }: Omit<PanelProps, 'themeLabel'> & { table: FigureTable }) {
  const spec = useMemo(() => participationSpec(rollup), [rollup])
  const t = useT()
  return (
    <section aria-labelledby="part-title" className="panel">
      <PanelHead id="part-title" title={t('rollup.participation')} file={`participation-${period.from}-${period.to}`} table={table} />
      <Chart spec={spec} label={t('rollup.participationChart')} />
      <Table testId="participation" caption={t('rollup.participationCaption')} captionHidden columns={[t('col.hub'), t('col.engaged'), t('col.notEngaged')]}>
        {rollup.participation.map((p) => (
          <tr key={p.hubId}>
            <th scope="row">
              {hubName(p.hubId)}
              {p.euOnly && <span className="chip warn">{t('rollup.euOnly')}</span>}
            </th>
            <td>
              {p.missions
                .filter((m) => m.contributions > 0)
                .map((m) => (
                  <button
                    key={m.mission}
                    type="button"
                    className="chip link"
                    aria-label={t('rollup.missionRecords', { mission: m.mission, count: m.contributions, hub: hubName(p.hubId) })}
                    onClick={() => drillTo(t('rollup.missionInHub', { mission: m.mission, hub: hubName(p.hubId) }), { ...activeIn(period), hubId: p.hubId, mission: m.mission })}
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
