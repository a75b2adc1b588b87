import type { TopLevelSpec } from 'vega-lite'
import { t, type MessageId } from '../../i18n/intl'

/**
 * The fixed English words of the dashboard's chart specs (shared/rollup-charts.ts, also drawn in
 * the progress report), each with its message: titles, axis titles, legend values and the action
 * statuses the bars are labelled with. The specs stay shared; the client draws them in the
 * interface language by replacing these exact strings (data values and their scale domain alike,
 * so a legend still matches its marks).
 */
const CHART_WORDS: Record<string, MessageId> = {
  'Activity by theme and hub (records in the period)': 'chart.activity',
  'Team Europe participation (Member State embassies)': 'chart.participation',
  'Member State embassies': 'chart.embassies',
  'Actions by status': 'rollup.byStatus',
  Hub: 'col.hub',
  Theme: 'col.theme',
  Records: 'col.records',
  Actions: 'col.actions',
  Exchanges: 'col.exchanges',
  Items: 'col.items',
  Engaged: 'col.engaged',
  'Not engaged': 'col.notEngaged',
  Planned: 'status.planned',
  'In progress': 'status.in_progress',
  Done: 'status.done',
  Dropped: 'status.dropped',
}

function localize(value: unknown): unknown {
  if (typeof value === 'string') return CHART_WORDS[value] ? t(CHART_WORDS[value]) : value
  if (Array.isArray(value)) return value.map(localize)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v)]))
  return value
}

/** A chart spec with its fixed words in the interface language (English: unchanged). */
export const localizeSpec = (spec: TopLevelSpec): TopLevelSpec => localize(spec) as TopLevelSpec
