import type { PanelProps } from './drill'

/** Each hub's digital focal point, or that it has none. */
export function FocalPointsPanel({ rollup, hubName }: Pick<PanelProps, 'rollup' | 'hubName'>) {
  return (
    <section aria-labelledby="focal-title" className="panel">
      <h2 id="focal-title">Digital focal points</h2>
      <ul className="plain columns">
        {rollup.focalPoints.map((f) => (
          <li key={f.hubId}>
            {hubName(f.hubId)}: {f.hasFocalPoint ? f.name : <span className="chip warn">none</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
