import { focalPointTraining } from '../../../shared/focal-points'
import { useT } from '../../i18n/provider'
import { dayLabel } from '../../ui/periods'
import type { PanelProps } from './drill'

/**
 * Each hub's digital focal point and whether trained, against the Council's target (2023 ¶15): a
 * trained digital-diplomacy official in every EU delegation. The gaps come first: they are the work.
 */
export function FocalPointsPanel({ rollup, hubName }: Pick<PanelProps, 'rollup' | 'hubName'>) {
  const training = focalPointTraining(rollup)
  const t = useT()
  return (
    <section aria-labelledby="focal-title" className="panel">
      <h2 id="focal-title">{t('rollup.focalTitle')}</h2>
      <p data-testid="focal-training">
        <strong>{t('rollup.focalLine', { trained: training.trained, total: training.total })}</strong>{t('rollup.focalTarget')}
      </p>
      {training.gaps.length > 0 && (
        <>
          <h3>{t('rollup.gaps')}</h3>
          <ul className="plain" data-testid="focal-gaps">
            {training.gaps.map((g) => (
              <li key={g.hubId}>{g.reason === 'none' ? t('rollup.focalGapNone', { hub: hubName(g.hubId) }) : t('rollup.focalGapUntrained', { hub: hubName(g.hubId), name: g.name })}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('rollup.everyHub')}</h3>
      <ul className="plain columns">
        {rollup.focalPoints.map((f) => (
          <li key={f.hubId}>
            {hubName(f.hubId)}:{' '}
            {f.hasFocalPoint ? (
              <>
                {f.name}{' '}
                {f.trained ? (
                  <span className="chip accent">{f.trainedOn ? t('rollup.trainedOn', { day: dayLabel(f.trainedOn) }) : t('rollup.trained')}</span>
                ) : (
                  <span className="chip warn">{t('rollup.notTrained')}</span>
                )}
              </>
            ) : (
              <span className="chip warn">{t('rollup.none')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
