import { focalPointTraining } from '../../../shared/focal-points'
import { useT } from '../../i18n/provider'
import { formatNumber } from '../../ui/format'
import { activeIn, type PanelProps } from './drill'

/** The headline figures; each but the last opens the items behind it. */
export function SummaryPanel({ rollup, period, drillTo }: Pick<PanelProps, 'rollup' | 'period' | 'drillTo'>) {
  const training = focalPointTraining(rollup)
  const t = useT()
  const active = rollup.matrix.length ? new Set(rollup.matrix.map((m) => m.hubId)).size : 0
  const noFocal = rollup.focalPoints.filter((f) => !f.hasFocalPoint).length
  return (
    <section className="summary" aria-label={t('rollup.summary')}>
      <button type="button" className="stat" onClick={() => drillTo(t('rollup.activeRecords'), activeIn(period))}>
        <strong>{formatNumber(active)}</strong> {t('rollup.hubsActive', { count: active })}
      </button>
      <button type="button" className="stat" onClick={() => drillTo(t('rollup.overdueActions'), { overdue: 'true', kind: 'action' })}>
        <strong>{formatNumber(rollup.overdueTotal)}</strong> {t('rollup.overdueCount', { count: rollup.overdueTotal })}
      </button>
      <button type="button" className="stat" onClick={() => drillTo(t('rollup.awaitingTitle'), { crossCutting: 'true', inputStatus: 'awaiting_input' })}>
        <strong>{formatNumber(rollup.crossCutting.awaitingComment)}</strong> {t('rollup.awaitingCount')}
      </button>
      <span className="stat">
        <strong>{formatNumber(noFocal)}</strong> {t('rollup.noFocal', { count: noFocal })}
      </span>
      <a className="stat" href="#focal-title">
        <strong>
          {training.trained} / {training.total}
        </strong>{' '}
        {t('rollup.trainedDelegations')}
      </a>
    </section>
  )
}
