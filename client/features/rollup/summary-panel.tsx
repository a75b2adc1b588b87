import { focalPointTraining } from '../../../shared/focal-points'
import { activeIn, type PanelProps } from './drill'

/** The headline figures; each but the last opens the items behind it. */
export function SummaryPanel({ rollup, period, drillTo }: Pick<PanelProps, 'rollup' | 'period' | 'drillTo'>) {
  const training = focalPointTraining(rollup)
  return (
    <section className="summary" aria-label="Summary">
      <button type="button" className="stat" onClick={() => drillTo('Records active in the period', activeIn(period))}>
        <strong>{rollup.matrix.length ? new Set(rollup.matrix.map((m) => m.hubId)).size : 0}</strong> hubs active
      </button>
      <button type="button" className="stat" onClick={() => drillTo('Overdue actions', { overdue: 'true', kind: 'action' })}>
        <strong>{rollup.overdue.length}</strong> overdue actions
      </button>
      <button type="button" className="stat" onClick={() => drillTo('Cross-cutting items awaiting input', { crossCutting: 'true', inputStatus: 'awaiting_input' })}>
        <strong>{rollup.crossCutting.awaitingComment}</strong> awaiting cyber input
      </button>
      <span className="stat">
        <strong>{rollup.focalPoints.filter((f) => !f.hasFocalPoint).length}</strong> hubs without a digital focal point
      </span>
      <a className="stat" href="#focal-title">
        <strong>
          {training.trained} / {training.total}
        </strong>{' '}
        EU delegations with a trained digital focal point
      </a>
    </section>
  )
}
