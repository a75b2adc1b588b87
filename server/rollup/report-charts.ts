import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { heatmapSpec, participationSpec, statusSpec } from '../../shared/rollup-charts.js'
import type { ProgressReport } from './report.js'

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
  const statuses = Object.entries(r.rollup.actionsByStatus).map(([s, n]) => `${r.labels.statuses[s] ?? s}: ${n}`).join(', ')
  return [
    { title: 'Actions by status', svg: await chartSvg(statusSpec(r.rollup)), alt: `Bar chart of actions by status: ${statuses || 'no actions'}. The figures are in the table "Actions by status".` },
    { title: 'Team Europe participation', svg: await chartSvg(participationSpec(r.rollup)), alt: 'Bar chart of the records each mission led or took part in, per hub. The figures are in the table "Hubs" (Member States registered and engaged).' },
    { title: 'Activity by theme and hub', svg: await chartSvg(heatmapSpec(r.rollup, r.themeLabel)), alt: 'Heat map of records per theme and hub. The figures are in the table "Activity by theme and hub".' },
  ]
}
