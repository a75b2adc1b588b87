import { z } from 'zod'
import { PeriodId } from './periods.js'
import { Day } from './common.js'
import { ACTION_STATUSES } from '../item-statuses.js'
import { ESCALATIONS } from '../records.js'

/** `GET /api/rollup` query. */
export const RollupQuery = z
  .object({ from: Day, to: Day, region: z.string().max(100).optional(), theme: z.string().max(200).optional() })
  .refine((q) => q.from <= q.to, { message: 'must not be after `to`', path: ['from'] })
export type RollupQuery = z.infer<typeof RollupQuery>

/** A roll-up or report asked for: a reporting period (its dates, frozen once locked) or `from`–`to`. */
export const RollupRequest = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    period: PeriodId.optional(),
    region: z.string().max(100).optional(),
    theme: z.string().max(200).optional(),
  })
  .refine((q) => q.period !== undefined || (q.from !== undefined && q.to !== undefined), { message: 'give a period, or from and to', path: ['from'] })
  .refine((q) => q.period !== undefined || q.from! <= q.to!, { message: 'must not be after `to`', path: ['from'] })
export type RollupRequest = z.infer<typeof RollupRequest>

/** An overdue action as the roll-up lists it. */
export const OverdueView = z.object({
  itemId: z.string(),
  hubId: z.string(),
  title: z.string(),
  leadMission: z.string().nullable(),
  due: z.string(),
  daysOverdue: z.number().int(),
  status: z.string(),
})

/** A cross-cutting item waiting for the cyber ambassadors' input. */
export const AwaitingView = z.object({
  itemId: z.string(),
  hubId: z.string(),
  relatedHubs: z.array(z.string()),
  title: z.string(),
  requestedAt: z.string(),
  daysWaiting: z.number().int(),
})

/** Roll-up questions 6–10 and escalations (server/rollup/records-rollup.ts says what each counts). */
export const RecordsRollup = z.object({
  /** Parents first, each followed by its sub-forums (`parent` set; absent in fixtures older than it); a parent's figures include its sub-forums' records (once each). */
  forums: z.array(z.object({ forumId: z.string(), parent: z.string().nullish(), exchanges: z.number().int(), actions: z.number().int(), hubs: z.number().int() })),
  partnerships: z.array(z.object({ partnershipId: z.string(), exchanges: z.number().int(), actions: z.number().int(), hubs: z.number().int() })),
  globalGateway: z.object({
    byKind: z.array(z.object({ actionKind: z.string(), planned: z.number().int(), in_progress: z.number().int(), done: z.number().int(), dropped: z.number().int() })),
    actions: z.array(z.object({
      itemId: z.string(), hubId: z.string(), title: z.string(), actionKind: z.string(), ggProject: z.string().nullable(), status: z.string().nullable(),
      /** What the action met: its outcome, or the reason it was dropped. */
      obstacle: z.string().nullable(),
    })),
  }),
  counterparts: z.array(z.object({ counterpart: z.string(), exchanges: z.number().int(), hubs: z.number().int() })),
  memberStates: z.array(z.object({ mission: z.string(), registeredHubs: z.number().int(), activeHubs: z.number().int(), records: z.number().int() })),
  /** Cross-cutting items by where the hub's coordinators escalated them (2025 ¶27). */
  escalation: z.record(z.enum(ESCALATIONS), z.number().int()),
})
export type RecordsRollup = z.infer<typeof RecordsRollup>

/** The roll-up of a period, with what the dashboard and the report add. */
export const Rollup = z.object({
  from: z.string(),
  to: z.string(),
  /** The day overdue and waiting times are counted to. */
  asOf: z.string(),
  hubs: z.array(
    z.object({
      id: z.string(), name: z.string(), country: z.string(), countryName: z.string(), region: z.string(), focalPoint: z.string().nullable(),
      /** Records of scope `hub` among the hub's figures: counted, never named outside the hub. */
      hubOnly: z.object({ exchanges: z.number().int(), actions: z.number().int() }),
      /** Open actions of the hub past their due date (the reader may read). */
      overdue: z.number().int(),
    }),
  ),
  /** Top-level theme × hub: records active in the period (a record counts once per top theme). */
  matrix: z.array(z.object({ hubId: z.string(), themeId: z.string(), exchanges: z.number().int(), actions: z.number().int() })),
  actionsByStatus: z.record(z.enum(ACTION_STATUSES), z.number().int()),
  /** The longest overdue actions (at most 100 in `/api/rollup`; all in the report); the rest: `/api/items?overdue=true`. */
  overdue: z.array(OverdueView),
  /** How many actions are overdue in all. */
  overdueTotal: z.number().int(),
  participation: z.array(
    z.object({
      hubId: z.string(),
      /** Every registered mission, the EU delegation first; contributions = records it led or took part in. */
      missions: z.array(z.object({ mission: z.string(), contributions: z.number().int() })),
      registeredMemberStates: z.array(z.string()),
      engagedMemberStates: z.array(z.string()),
      /** Activity in the period, but from the EU delegation only. */
      euOnly: z.boolean(),
    }),
  ),
  crossCutting: z.object({ open: z.number().int(), awaitingComment: z.number().int(), awaiting: z.array(AwaitingView) }),
  /** Each hub's digital focal point and whether trained (2023 ¶15: one trained official per EU delegation). */
  focalPoints: z.array(
    z.object({ hubId: z.string(), hasFocalPoint: z.boolean(), name: z.string().nullable(), trained: z.boolean(), trainedOn: z.string().nullable() }),
  ),
  /** Questions 6–10. */
  records: RecordsRollup,
})
export type Rollup = z.infer<typeof Rollup>
