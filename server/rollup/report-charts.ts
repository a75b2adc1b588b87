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

/** The report's charts, as the dashboard draws them. */
export async function reportCharts(r: ProgressReport): Promise<{ title: string; svg: string }[]> {
  return [
    { title: 'Actions by status', svg: await chartSvg(statusSpec(r.rollup)) },
    { title: 'Team Europe participation', svg: await chartSvg(participationSpec(r.rollup)) },
    { title: 'Activity by theme and hub', svg: await chartSvg(heatmapSpec(r.rollup, r.themeLabel)) },
  ]
}
