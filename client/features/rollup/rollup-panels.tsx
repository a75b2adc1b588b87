import { useMemo } from 'react'
import { actionStatusLabel } from '../../i18n/statuses'
import { useLanguage } from '../../i18n/provider'
import { rollupTables } from '../../../shared/rollup-tables'
import type { PanelProps } from './drill'
import { SummaryPanel } from './summary-panel'
import { ActivityPanel } from './activity-panel'
import { StatusPanel } from './status-panel'
import { ParticipationPanel } from './participation-panel'
import { OverduePanel } from './overdue-panel'
import { AwaitingPanel } from './awaiting-panel'
import { FocalPointsPanel } from './focal-points-panel'
import { RecordsPanels } from './records-panels'

/** The dashboard's panels in their layout; each downloads the table the report carries. */
export function RollupPanels(props: PanelProps) {
  const { rollup, themeLabel } = props
  const { language } = useLanguage()
  const tables = useMemo(() => rollupTables(rollup, { themeLabel, statusLabel: actionStatusLabel }), [rollup, themeLabel, language])
  return (
    <>
      <SummaryPanel {...props} />
      <ActivityPanel {...props} table={tables.matrix} />
      <div className="two-col">
        <StatusPanel {...props} table={tables.status} />
        <ParticipationPanel {...props} table={tables.participation} />
      </div>
      <div className="two-col">
        <OverduePanel {...props} table={tables.overdue} />
        <AwaitingPanel {...props} table={tables.crossCutting} />
      </div>
      <FocalPointsPanel {...props} />
      <RecordsPanels {...props} />
    </>
  )
}
