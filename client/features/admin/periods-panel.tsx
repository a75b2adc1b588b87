import { request } from '../../api/request'
import { useT } from '../../i18n/provider'
import { ConfirmButton } from './confirm-dialog'
import { dayLabel, type PeriodView } from '../../ui/periods'
import { Table } from '../../ui/table'
import type { Act } from './use-admin'


/** The reporting periods, newest first; an open one can be locked, after a confirmation. */
export function PeriodsPanel({ periods, act }: { periods: PeriodView[] | null; act: Act }) {
  const t = useT()
  return (
    <section className="panel" aria-labelledby="periods-title">
      <h2 id="periods-title">{t('admin.periodsLink')}</h2>
      {!periods ? (
        <p className="muted">{t('common.loading')}</p>
      ) : periods.length === 0 ? (
        <p className="muted">{t('compliance.noPeriod')}</p>
      ) : (
        <Table caption={t('admin.periodsCaption')} captionHidden columns={[t('col.period'), t('col.start'), t('col.end'), t('col.briefDue'), t('col.locked'), t('col.actionCol')]} testId="periods">
          {periods.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.id}</th>
              <td>{dayLabel(p.start)}</td>
              <td>{dayLabel(p.end)}</td>
              <td>{dayLabel(p.briefDue)}</td>
              <td>{p.locked ? (p.lockedAt ? t('admin.lockedOn', { day: dayLabel(p.lockedAt) }) : t('admin.locked')) : t('admin.open')}</td>
              <td>
                {!p.locked && (
                  <ConfirmButton
                    label={t('admin.lock', { id: p.id })}
                    title={t('admin.lockTitle', { id: p.id })}
                    message={t('admin.lockWarning')}
                    confirmLabel={t('admin.lockNow', { id: p.id })}
                    onConfirm={() => act(() => request('POST', `/api/periods/${encodeURIComponent(p.id)}/lock`), t('admin.periodLocked', { id: p.id }))}
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
