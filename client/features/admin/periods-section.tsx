import { useApi } from '../../api/query'
import { useT } from '../../i18n/provider'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import type { PeriodView } from '../../ui/periods'
import { PeriodForm } from './period-form'
import { PeriodsPanel } from './periods-panel'
import { PERIODS, useAct } from './use-admin'

/** Reporting periods (`/admin/periods`): the list, a new period, and the lock that freezes a period's figures and briefs. */
export function PeriodsSection() {
  const periods = useApi<PeriodView[]>(PERIODS)
  const { error, notice, act } = useAct(PERIODS)
  const t = useT()
  return (
    <section aria-label={t('admin.section.periods')}>
      <ErrorBanner message={error ?? periods.error?.message} />
      <NoticeBanner message={notice} />
      <div className="two-col">
        <PeriodsPanel periods={periods.data ?? null} act={act} />
        <PeriodForm act={act} />
      </div>
    </section>
  )
}
