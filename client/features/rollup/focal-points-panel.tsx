import { focalPointGapText, focalPointTraining, focalPointTrainingLine } from '../../../shared/focal-points'
import { dayLabel } from '../../ui/periods'
import type { PanelProps } from './drill'

/**
 * Each hub's digital focal point and whether trained, against the Council's target (2023 ¶15): a
 * trained digital-diplomacy official in every EU delegation. The gaps come first: they are the work.
 */
export function FocalPointsPanel({ rollup, hubName }: Pick<PanelProps, 'rollup' | 'hubName'>) {
  const training = focalPointTraining(rollup)
  return (
    <section aria-labelledby="focal-title" className="panel">
      <h2 id="focal-title">Digital focal points</h2>
      <p data-testid="focal-training">
        <strong>{focalPointTrainingLine(training)}</strong> (target: every delegation, 2023 ¶15)
      </p>
      {training.gaps.length > 0 && (
        <>
          <h3>Gaps</h3>
          <ul className="plain" data-testid="focal-gaps">
            {training.gaps.map((g) => (
              <li key={g.hubId}>{focalPointGapText(g, hubName(g.hubId))}</li>
            ))}
          </ul>
        </>
      )}
      <h3>Every hub</h3>
      <ul className="plain columns">
        {rollup.focalPoints.map((f) => (
          <li key={f.hubId}>
            {hubName(f.hubId)}:{' '}
            {f.hasFocalPoint ? (
              <>
                {f.name}{' '}
                {f.trained ? (
                  <span className="chip accent">trained{f.trainedOn ? ` ${dayLabel(f.trainedOn)}` : ''}</span>
                ) : (
                  <span className="chip warn">not trained</span>
                )}
              </>
            ) : (
              <span className="chip warn">none</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
