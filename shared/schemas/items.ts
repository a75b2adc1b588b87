import { z } from 'zod'
import { SCOPES } from '../scopes.js'
import { Day, Id } from './common.js'
import { PeriodId } from './periods.js'
import { ACTION_STATUSES, INPUT_STATUSES, LOG_KINDS } from '../item-statuses.js'
import { ACTION_KINDS, COUNTERPARTS, ESCALATIONS, EXCHANGE_TYPES } from '../records.js'

const RefId = z.string().min(1).max(200)

/** `GET /api/items` query. */
export const ItemsQuery = z.object({
  hubId: Id.optional(),
  kind: z.enum(LOG_KINDS).optional(),
  theme: z.string().max(200).optional(),
  crossCutting: z.enum(['true', 'false']).optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  inputStatus: z.enum(INPUT_STATUSES).optional(),
  mission: z.string().regex(/^(EU|[A-Z]{2})$/, 'must be EU or an ISO code').optional(),
  overdue: z.enum(['true']).optional(),
  region: z.string().max(100).optional(),
  from: Day.optional(),
  to: Day.optional(),
  q: z.string().max(200).optional(),
  /** Records active in this period, as the roll-up counts them (drill-down). */
  activeFrom: Day.optional(),
  activeTo: Day.optional(),
  /** A reporting period whose figures are frozen: list its items as they were at the lock. */
  period: PeriodId.optional(),
  /** Structured fields. */
  exchangeType: z.enum(EXCHANGE_TYPES).optional(),
  counterpart: z.enum(COUNTERPARTS).optional(),
  actionKind: z.enum(ACTION_KINDS).optional(),
  /** Either GG / Tech Business Offer kind (roll-up question 8's drill-down). */
  ggOrTbo: z.enum(['true']).optional(),
  partnership: RefId.optional(),
  ggProject: RefId.optional(),
  forum: RefId.optional(),
  owner: RefId.optional(),
  escalation: z.enum(ESCALATIONS).optional(),
  /** Records a mission led, wrote or took part in (roll-up question 10's drill-down). */
  participant: z.string().regex(/^(EU|[A-Z]{2})$/, 'must be EU or an ISO code').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type ItemsQuery = z.infer<typeof ItemsQuery>

/** What search finds: hub documents, log items, and comments on items. */
export const SEARCH_KINDS = ['brief', 'note', ...LOG_KINDS, 'comment'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

export const SearchQuery = z.object({
  q: z.string().max(200).refine((s) => s.trim().length > 0, 'must not be empty'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  hubId: Id.optional(),
  kind: z.enum(SEARCH_KINDS).optional(),
  /** A theme id (top-level or sub-theme): only items and their comments carry themes. */
  theme: z.string().max(200).optional(),
  /** Created (items, comments) or last changed (briefs, notes) from/to this day, inclusive. */
  from: Day.optional(),
  to: Day.optional(),
})
export type SearchQuery = z.infer<typeof SearchQuery>

/** An item as the API returns it. */
export const ItemView = z.object({
  id: z.string(),
  hubId: z.string(),
  kind: z.enum(LOG_KINDS),
  entryId: z.string(),
  title: z.string(),
  body: z.string(),
  themes: z.array(z.string()),
  forums: z.array(z.string()),
  mission: z.string().nullable(),
  missions: z.array(z.string()),
  leadMission: z.string().nullable(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  status: z.enum(ACTION_STATUSES).nullable(),
  due: z.string().nullable(),
  completedAt: z.string().nullable(),
  crossCutting: z.boolean(),
  /** Who may read it: `hub` · `hq` · `network`. */
  scope: z.enum(SCOPES),
  inputStatus: z.enum(INPUT_STATUSES).nullable(),
  inputRequestedAt: z.string().nullable(),
  inputProvidedAt: z.string().nullable(),
  relatedHubs: z.array(z.string()),
  linkedItems: z.array(z.string()),
  exchangeType: z.string().nullable(),
  counterparts: z.array(z.string()),
  partnership: z.string().nullable(),
  /** An action's kind (`kind` in the log document; an item's `kind` is exchange or action). */
  actionKind: z.string().nullable(),
  owner: z.string().nullable(),
  ggProject: z.string().nullable(),
  sourceExchange: z.string().nullable(),
  outcome: z.string().nullable(),
  dropReason: z.string().nullable(),
  /** Cross-cutting items: `none` · `digital_diplomacy_network` · `cyber_ambassadors_network` · `psc`; null otherwise. */
  escalation: z.string().nullable(),
  /** What is missing or invalid in the entry; empty when all is well. */
  issues: z.array(z.string()),
  /** Comments in its thread (lists only). */
  commentCount: z.number().int().optional(),
})
export type ItemView = z.infer<typeof ItemView>

/** One search hit: a brief or note (`docName`), an item (`itemId`), or a comment (`commentId` on `itemId`). */
export const SearchHit = z.object({
  kind: z.enum(SEARCH_KINDS),
  docName: z.string().optional(),
  itemId: z.string().optional(),
  commentId: z.string().optional(),
  hubId: z.string(),
  title: z.string(),
  /** Plain text around the first match (render as text). */
  snippet: z.string(),
  /** Where the matched words are in `snippet`: [start, end) offsets in UTF-16 code units. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  rank: z.number(),
  /** Who may read what the hit shows. */
  scope: z.enum(SCOPES),
})
export type SearchHit = z.infer<typeof SearchHit>
