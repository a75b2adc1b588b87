import type { Taxonomy } from '../../../shared/taxonomy'
import { termText } from '../../i18n/terms'
import { useLanguage, useT } from '../../i18n/provider'
import { Select } from '../../ui/select'
import { periodOptionLabel } from '../../ui/periods'
import type { RollupFilters } from './use-rollup-filters'
import { ReportLink } from './report-link'
import { DayInput } from '../../ui/day-input'
import { regionLabel } from '../../../shared/labels'

interface Props {
  filters: RollupFilters
  regions: string[]
  taxonomy: Taxonomy | null
  /** Whether to offer the progress report (hq and admins). */
  reportAllowed: boolean
}

/** Period, region and theme of the roll-up, and the report of the same. */
export function FiltersForm({ filters, regions, taxonomy, reportAllowed }: Props) {
  const { periods, periodId, setPeriodId, custom, setCustom, region, setRegion, theme, setTheme } = filters
  const t = useT()
  const topThemes = taxonomy?.themes.filter((x) => x.parent === x.id) ?? []
  const { language } = useLanguage()
  return (
    <form className="filters" role="search" aria-label={t('rollup.filters')} onSubmit={(e) => e.preventDefault()}>
      <Select label={t('rollup.period')} value={periodId} onChange={setPeriodId} options={periods.map((p) => ({ value: p.id, label: periodOptionLabel(p, p.lockedAt) }))}>
        <option value="custom">{t('rollup.custom')}</option>
      </Select>
      {periodId === 'custom' && (
        <>
          <DayInput label={t('rollup.from')} required value={custom.from} onChange={(from) => from && setCustom({ ...custom, from })} />
          <DayInput label={t('rollup.to')} required value={custom.to} onChange={(to) => to && setCustom({ ...custom, to })} />
        </>
      )}
      <Select label={t('rollup.region')} value={region} onChange={setRegion} empty={t('rollup.allRegions')} options={regions.map((r) => ({ value: r, label: regionLabel(r, language) }))} />
      <Select label={t('rollup.theme')} value={theme} onChange={setTheme} empty={t('rollup.allThemes')} options={topThemes.map((x) => ({ value: x.id, label: termText(x, language) }))} />
      {reportAllowed && filters.query && <ReportLink query={filters.query} />}
    </form>
  )
}
