import { z } from 'zod'
import { Day } from './common.js'


/** `GET /api/rollup` query. */
export const RollupQuery = z
  .object({ from: Day, to: Day, region: z.string().max(100).optional(), theme: z.string().max(200).optional() })
  .refine((q) => q.from <= q.to, { message: 'must not be after `to`', path: ['from'] })
export type RollupQuery = z.infer<typeof RollupQuery>

export const ACTION_STATUS_KEYS = ['planned', 'in_progress', 'done', 'dropped'] as const

/** The roll-up of a period (CONTRACT §5, with what the dashboard and the report add). */
export interface Rollup {
  from: string
  to: string
  /** The day overdue and waiting times are counted to. */
  asOf: string
  hubs: { id: string; name: string; country: string; countryName: string; region: string; focalPoint: string | null }[]
  /** Top-level theme × hub: records active in the period (a record counts once per top theme). */
  matrix: { hubId: string; themeId: string; exchanges: number; actions: number }[]
  actionsByStatus: Record<(typeof ACTION_STATUS_KEYS)[number], number>
  overdue: { itemId: string; hubId: string; title: string; leadMission: string | null; due: string; daysOverdue: number; status: string }[]
  participation: {
    hubId: string
    /** Every registered mission, the EU delegation first; contributions = records it led or took part in. */
    missions: { mission: string; contributions: number }[]
    registeredMemberStates: string[]
    engagedMemberStates: string[]
    /** Activity in the period, but from the EU delegation only. */
    euOnly: boolean
  }[]
  crossCutting: {
    open: number
    awaitingComment: number
    awaiting: { itemId: string; hubId: string; relatedHubs: string[]; title: string; requestedAt: string; daysWaiting: number }[]
  }
  focalPoints: { hubId: string; hasFocalPoint: boolean; name: string | null }[]
}
