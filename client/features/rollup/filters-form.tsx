import type { Taxonomy } from '../../../shared/taxonomy'
import { plainOptions, Select } from '../../ui/select'
import { periodOptionLabel } from '../../ui/periods'
import type { RollupFilters } from './use-rollup-filters'
import { ReportLink } from './report-link'

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
          <label>
            From
            <input type="date" value={custom.from} onChange={(e) => e.target.value && setCustom({ ...custom, from: e.target.value })} />
          </label>
          <label>
            To
            <input type="date" value={custom.to} onChange={(e) => e.target.value && setCustom({ ...custom, to: e.target.value })} />
          </label>
        </>
      )}
      <Select label="Region" value={region} onChange={setRegion} empty="All regions" options={plainOptions(regions)} />
      <Select label="Theme" value={theme} onChange={setTheme} empty="All themes" options={topThemes.map((t) => ({ value: t.id, label: t.label }))} />
      {reportAllowed && filters.query && <ReportLink query={filters.query} />}
    </form>
  )
}
