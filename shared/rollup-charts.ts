import type { TopLevelSpec } from 'vega-lite'
import type { Rollup } from './schemas/rollup.js'
import { ACTION_STATUS_LABELS } from './item-statuses.js'

/**
 * Vega-Lite specs of the roll-up charts, shared by the dashboard (rendered in the browser) and the
 * progress report (rendered to SVG on the server), so both show the same figures the same way.
 */

const STATUS_LABEL: Record<string, string> = ACTION_STATUS_LABELS

const hubLabel = (r: Rollup, hubId: string) => r.hubs.find((h) => h.id === hubId)?.countryName ?? hubId

/** Theme × hub heat map: records active in the period; every cell labelled with its count. */
export function heatmapSpec(r: Rollup, themeLabel: (id: string) => string): TopLevelSpec {
  const values = r.matrix.map((m) => ({ hub: hubLabel(r, m.hubId), hubId: m.hubId, themeId: m.themeId, theme: themeLabel(m.themeId), records: m.exchanges + m.actions }))
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Activity by theme and hub (records in the period)',
    data: { values },
    width: { step: 42 },
    height: { step: 18 },
    encoding: {
      x: { field: 'hub', type: 'nominal', title: 'Hub', axis: { labelAngle: -40 } },
      y: { field: 'theme', type: 'nominal', title: 'Theme', axis: { labelLimit: 260 } },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'records', type: 'quantitative', title: 'Records', scale: { scheme: 'blues' } } } },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'records', type: 'quantitative' },
          color: { condition: { test: 'datum.records >= 3', value: 'white' }, value: 'black' },
        },
      },
    ],
    config: { font: 'Helvetica' },
  } as TopLevelSpec
}

/** Member States registered per hub, split into engaged and not engaged in the period. */
export function participationSpec(r: Rollup): TopLevelSpec {
  const values = r.participation.flatMap((p) => [
    { hub: hubLabel(r, p.hubId), hubId: p.hubId, state: 'Engaged', count: p.engagedMemberStates.length },
    { hub: hubLabel(r, p.hubId), hubId: p.hubId, state: 'Not engaged', count: p.registeredMemberStates.length - p.engagedMemberStates.length },
  ])
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Team Europe participation (Member State embassies)',
    data: { values },
    width: 420,
    height: { step: 16 },
    mark: 'bar',
    encoding: {
      y: { field: 'hub', type: 'nominal', title: 'Hub' },
      x: { field: 'count', type: 'quantitative', title: 'Member State embassies', stack: 'zero', axis: { tickMinStep: 1 } },
      color: { field: 'state', type: 'nominal', title: null, scale: { domain: ['Engaged', 'Not engaged'], range: ['#1b7f4c', '#c9c9c9'] } },
      tooltip: [{ field: 'hub' }, { field: 'state' }, { field: 'count' }],
    },
    config: { font: 'Helvetica' },
  } as TopLevelSpec
}

/** Actions active in the period, by status. */
export function statusSpec(r: Rollup): TopLevelSpec {
  const values = Object.entries(r.actionsByStatus).map(([status, count]) => ({ status: STATUS_LABEL[status] ?? status, key: status, count }))
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Actions by status',
    data: { values },
    width: 320,
    height: { step: 22 },
    layer: [
      { mark: 'bar', encoding: { color: { field: 'status', type: 'nominal', legend: null, scale: { domain: Object.values(STATUS_LABEL), range: ['#0b5cad', '#b35c00', '#1b7f4c', '#8a8a8a'] } } } },
      { mark: { type: 'text', align: 'left', dx: 3 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
    encoding: {
      y: { field: 'status', type: 'nominal', title: null, sort: Object.values(STATUS_LABEL) },
      x: { field: 'count', type: 'quantitative', title: 'Actions', axis: { tickMinStep: 1 } },
    },
    config: { font: 'Helvetica' },
  } as TopLevelSpec
}

export { STATUS_LABEL }
