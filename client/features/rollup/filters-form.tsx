import type { Taxonomy } from '../../../shared/taxonomy'
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
  const topThemes = taxonomy?.themes.filter((t) => t.parent === t.id) ?? []
  return (
    <form className="filters" role="search" aria-label="Period and filters" onSubmit={(e) => e.preventDefault()}>
      <Select label="Period" value={periodId} onChange={setPeriodId} options={periods.map((p) => ({ value: p.id, label: periodOptionLabel(p, p.lockedAt) }))}>
        <option value="custom">Custom dates…</option>
      </Select>
      {periodId === 'custom' && (
        <>
          <DayInput label="From" required value={custom.from} onChange={(from) => from && setCustom({ ...custom, from })} />
          <DayInput label="To" required value={custom.to} onChange={(to) => to && setCustom({ ...custom, to })} />
        </>
      )}
      <Select label="Region" value={region} onChange={setRegion} empty="All regions" options={regions.map((r) => ({ value: r, label: regionLabel(r) }))} />
      <Select label="Theme" value={theme} onChange={setTheme} empty="All themes" options={topThemes.map((t) => ({ value: t.id, label: t.label }))} />
      {reportAllowed && filters.query && <ReportLink query={filters.query} />}
    </form>
  )
}
