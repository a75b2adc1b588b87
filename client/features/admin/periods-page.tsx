import { Link } from '../../app/router'
import { useT } from '../../i18n/provider'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import { usePeriods } from '../../ui/periods'
import { PeriodForm } from './period-form'
import { PeriodsPanel } from './periods-panel'
import { useAct } from './use-admin'

/**
 * Reporting periods (`/admin/periods`, admins only): the list, a new period, and the lock that
 * freezes a period's figures and briefs.
 */
export default function PeriodsPage() {
  const { periods, error: loadError, reload } = usePeriods()
  const { error, notice, act } = useAct(reload, true)
  const t = useT()
  return (
    <main id="main" className="page">
      <p className="small">
        <Link to="/admin">{t('admin.back')}</Link>
      </p>
      <h1>{t('admin.periodsLink')}</h1>
      <ErrorBanner message={error ?? loadError} />
      <NoticeBanner message={notice} />
      <div className="two-col">
        <PeriodsPanel periods={periods} act={act} />
        <PeriodForm act={act} />
      </div>
    </main>
  )
}
