import { request } from '../../api/request'
import { ConfirmButton } from '../../ui/confirm'
import { dayLabel, type PeriodView } from '../../ui/periods'
import { Table } from '../../ui/table'
import type { Act } from './use-admin'

export const LOCK_WARNING = 'Locking freezes the figures of this period and its briefs: it cannot be undone.'

/** The reporting periods, newest first; an open one can be locked, after a confirmation. */
export function PeriodsPanel({ periods, act }: { periods: PeriodView[] | null; act: Act }) {
  return (
    <section className="panel" aria-labelledby="periods-title">
      <h2 id="periods-title">Reporting periods</h2>
      {!periods ? (
        <p className="muted">Loading…</p>
      ) : periods.length === 0 ? (
        <p className="muted">No reporting period yet.</p>
      ) : (
        <Table caption="Reporting periods, newest first" captionHidden columns={['Period', 'Start', 'End', 'Brief due', 'Locked', 'Action']} testId="periods">
          {periods.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.id}</th>
              <td>{dayLabel(p.start)}</td>
              <td>{dayLabel(p.end)}</td>
              <td>{dayLabel(p.briefDue)}</td>
              <td>{p.locked ? `Locked${p.lockedAt ? ` on ${dayLabel(p.lockedAt)}` : ''}` : 'Open'}</td>
              <td>
                {!p.locked && (
                  <ConfirmButton
                    label={`Lock ${p.id}`}
                    message={LOCK_WARNING}
                    confirmLabel={`Lock ${p.id} now`}
                    onConfirm={() => act(() => request('POST', `/api/periods/${encodeURIComponent(p.id)}/lock`), `Period ${p.id} locked.`)}
                  />
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  )
}
