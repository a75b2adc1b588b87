import { useState } from 'react'
import { ApiError } from '../../api/request'
import { Link } from '../../app/router'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import { usePeriods } from '../../ui/periods'
import { PeriodForm } from './period-form'
import { PeriodsPanel } from './periods-panel'
import type { Act } from './use-admin'

/**
 * Reporting periods (`/admin/periods`, admins only): the list, a new period, and the lock that
 * freezes a period's figures and briefs.
 */
export default function PeriodsPage() {
  const { periods, error: loadError, reload } = usePeriods()
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const act: Act = async (fn, done) => {
    setError(null)
    setNotice(null)
    try {
      await fn()
      if (done) setNotice(done)
    } catch (e) {
      setError((e as ApiError).message)
    }
    await reload()
  }
  return (
    <main id="main" className="page">
      <p className="small">
        <Link to="/admin">← Administration</Link>
      </p>
      <h1>Reporting periods</h1>
      <ErrorBanner message={error ?? loadError} />
      <NoticeBanner message={notice} />
      <div className="two-col">
        <PeriodsPanel periods={periods} act={act} />
        <PeriodForm act={act} />
      </div>
    </main>
  )
}
