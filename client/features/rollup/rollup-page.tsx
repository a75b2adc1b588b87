import { useCallback, useMemo } from 'react'
import { useT } from '../../i18n/provider'
import { useSession } from '../../app/session'
import { canGenerateReport, canReviewBriefs } from '../../../shared/access'
import { Link, text, useUrlState } from '../../app/router'
import { dayLabel } from '../../ui/periods'
import { hubNameIn } from '../../../shared/rollup-tables'
import { ErrorBanner } from '../../ui/error-banner'
import type { Drill } from './drill'
import { DrillDown } from './drill-down'
import { FiltersForm } from './filters-form'
import { RollupPanels } from './rollup-panels'
import { useRollupData } from './use-rollup-data'
import { useRollupFilters } from './use-rollup-filters'

const DrillState = { drill: text(300), dq: text(2000) }

/**
 * The Brussels dashboard (`/rollup`): the roll-up of a period for hq and admin (staff: their own
 * hubs). Every chart has its table; every figure drills down to the items behind it; every table
 * exports as CSV; the progress report of the same period downloads in four formats.
 */
export default function RollupPage() {
  const { me } = useSession()
  const t = useT()
  const filters = useRollupFilters()
  const { rollup, regions, taxonomy, error, themeLabel } = useRollupData(filters)
  // The open drill-down is in the URL too (`drill` = its title, `dq` = its item query), so Back closes it.
  const [url, setUrl] = useUrlState(DrillState)
  const drill = useMemo<Drill | null>(() => (url.drill && url.dq ? { title: url.drill, query: Object.fromEntries(new URLSearchParams(url.dq)) } : null), [url.drill, url.dq])
  // A locked period's figures are frozen: its drill-downs list the items as they were at the lock.
  const frozenPeriod = filters.reporting?.locked ? filters.reporting.id : null
  const drillTo = useCallback(
    (title: string, query: Record<string, string>) =>
      setUrl({ drill: title, dq: new URLSearchParams(frozenPeriod ? { ...query, period: frozenPeriod } : query).toString() }, { replace: false }),
    [setUrl, frozenPeriod],
  )
  const setDrill = (d: null) => setUrl({ drill: d, dq: d }, { replace: false })
  if (!me) return null
  const hubName = rollup ? hubNameIn(rollup) : (id: string) => id
  return (
    <main id="main" className="page rollup">
      <h1>{t('rollup.title')}</h1>
      <FiltersForm filters={filters} regions={regions} taxonomy={taxonomy} reportAllowed={canGenerateReport(me)} />
      {canReviewBriefs(me) && (
        <p>
          <Link to="/rollup/briefs">{t('rollup.briefsLink')}</Link>
        </p>
      )}
      <ErrorBanner message={error} />
      {rollup && filters.reporting?.locked && (
        <p className="notice" data-testid="frozen">
          {t('rollup.frozen', { day: dayLabel(rollup.asOf) })}
        </p>
      )}
      {!rollup && !error && <p className="muted">{t('common.loading')}</p>}
      {rollup && <RollupPanels rollup={rollup} period={filters.period} themeLabel={themeLabel} hubName={hubName} drillTo={drillTo} />}
      {drill && <DrillDown drill={drill} hubName={hubName} onClose={() => setDrill(null)} />}
    </main>
  )
}
