import { useState } from 'react'
import { useT } from '../../i18n/provider'
import { useApi } from '../../api/query'
import { Link } from '../../app/router'
import type { ComplianceRowView } from '../../../shared/schemas/periods'
import type { HubSummaryView } from '../../../shared/schemas/hubs'
import { BriefStatusChip } from '../../ui/brief-status'
import { ErrorBanner } from '../../ui/error-banner'
import { dayLabel, defaultPeriod, periodOptionLabel, usePeriods } from '../../ui/periods'
import { Select } from '../../ui/select'
import { Table } from '../../ui/table'

/**
 * HQ's view of the brief cycle (`/rollup/briefs`, hq and admins): every hub's brief for a period —
 * draft, submitted, returned, acknowledged, and whether it came after the due date.
 */
export default function CompliancePage() {
  const { periods, error: periodsError } = usePeriods()
  const t = useT()
  const [picked, setPicked] = useState<string | null>(null)
  const periodId = picked ?? (periods ? (defaultPeriod(periods)?.id ?? '') : '')
  const period = periods?.find((p) => p.id === periodId)
  const hubs = useApi<HubSummaryView[]>('/api/hubs').data
  const q = useApi<ComplianceRowView[]>(periodId ? `/api/periods/${encodeURIComponent(periodId)}/briefs` : null)
  const rows = q.data ?? null
  const error = q.error?.message ?? null
  const hubName = (id: string) => hubs?.find((h) => h.id === id)?.name ?? id
  return (
    <main id="main" className="page">
      <p className="small">
        <Link to="/rollup">{t('compliance.back')}</Link>
      </p>
      <h1>{t('compliance.title')}</h1>
      <ErrorBanner message={periodsError ?? error} />
      {periods && periods.length === 0 && <p className="muted">{t('compliance.noPeriod')}</p>}
      {periods && periods.length > 0 && (
        <form className="filters" aria-label={t('rollup.period')} onSubmit={(e) => e.preventDefault()}>
          <Select label={t('rollup.period')} value={periodId} onChange={setPicked} options={periods.map((p) => ({ value: p.id, label: periodOptionLabel(p, p.lockedAt) }))} />
        </form>
      )}
      {period && <p className="muted">{t('compliance.due', { day: dayLabel(period.briefDue) })}</p>}
      {periodId && !rows && !error && <p className="muted">{t('common.loading')}</p>}
      {rows && (
        <Table caption={t('compliance.caption', { period: periodId })} columns={[t('col.hub'), t('col.status'), t('col.submitted'), t('col.onTime')]} testId="compliance">
          {rows.map((r) => (
            <tr key={r.hubId}>
              <th scope="row">
                <Link to={`/hubs/${encodeURIComponent(r.hubId)}/brief?period=${encodeURIComponent(periodId)}`}>{hubName(r.hubId)}</Link>
              </th>
              <td>
                <BriefStatusChip status={r.status} />
              </td>
              <td>{r.submittedAt ? dayLabel(r.submittedAt) : '—'}</td>
              <td>{r.late ? <span className="chip warn">{t('compliance.late')}</span> : r.submittedAt ? t('compliance.onTime') : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
    </main>
  )
}
