import type { TopLevelSpec } from 'vega-lite'

/**
 * One horizontal bar chart per roll-up question 6–10 (forums, partnerships, Global Gateway kinds,
 * counterparts, Member States): the same shape for each, a bar per row of the question's table.
 */
export interface RecordBar {
  label: string
  /** What the drill-down asks for (a forum id, a partnership id, …). */
  key: string
  count: number
}

export function recordBarSpec(title: string, values: RecordBar[], xTitle: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    width: 360,
    height: { step: 18 },
    layer: [
      { mark: { type: 'bar', color: '#0b5cad' } },
      { mark: { type: 'text', align: 'left', dx: 3 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: '-x', axis: { labelLimit: 260 } },
      x: { field: 'count', type: 'quantitative', title: xTitle, axis: { tickMinStep: 1 } },
      tooltip: [{ field: 'label' }, { field: 'count' }],
    },
    config: { font: 'Helvetica' },
  } as TopLevelSpec
}
