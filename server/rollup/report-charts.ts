import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { heatmapSpec, participationSpec, statusSpec } from '../../shared/rollup-charts.js'
import { ACTION_STATUS_LABELS } from '../../shared/item-statuses.js'
import { wordsOf, type ProgressReport } from './report.js'
import { chartDictionary, translateSpec } from './report-words.js'

/** Renders a Vega-Lite spec to SVG text on the server (no canvas, no browser). */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

/** The report's charts, as the dashboard draws them, each with a text alternative (the tagged PDF's `Alt`). */
export async function reportCharts(r: ProgressReport): Promise<{ title: string; svg: string; alt: string }[]> {
  const w = wordsOf(r)
  const statuses = Object.entries(r.rollup.actionsByStatus).map(([s, n]) => `${r.labels.statuses[s] ?? s}: ${w.number(n)}`).join(', ')
  // The specs are the dashboard's, in English: their titles, axes and legends are put in the report's language.
  const dict = chartDictionary(w, r.labels.statuses, ACTION_STATUS_LABELS)
  const svg = (spec: TopLevelSpec) => chartSvg(translateSpec(spec, dict))
  return [
    { title: w.t('report.table.status'), svg: await svg(statusSpec(r.rollup)), alt: w.t('report.chart.status.alt', { statuses: statuses || w.t('report.chart.status.empty') }) },
    { title: w.t('report.table.participation'), svg: await svg(participationSpec(r.rollup)), alt: w.t('report.chart.participation.alt') },
    { title: w.t('report.table.matrix'), svg: await svg(heatmapSpec(r.rollup, r.themeLabel)), alt: w.t('report.chart.heatmap.alt') },
  ]
}
