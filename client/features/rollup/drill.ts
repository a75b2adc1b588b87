import type { Rollup } from '../../../shared/schemas/rollup'

/** What a drill-down lists: the `/api/items` query behind one figure, and how to say it. */
export interface Drill {
  title: string
  query: Record<string, string>
}

/** What every panel of the dashboard is drawn from. */
export interface PanelProps {
  rollup: Rollup
  period: { from: string; to: string }
  themeLabel: (id: string) => string
  hubName: (id: string) => string
  /** Opens the drill-down on the items behind a figure. */
  drillTo: (title: string, query: Record<string, string>) => void
}

/** The items active in the period: the condition every figure of the roll-up counts under. */
export const activeIn = (period: { from: string; to: string }) => ({ activeFrom: period.from, activeTo: period.to })
