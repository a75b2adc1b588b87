import { z } from 'zod'
import { Day, Id } from './common.js'


/** `GET /api/items` query (CONTRACT §5). */
export const ItemsQuery = z.object({
  hubId: Id.optional(),
  kind: z.enum(['exchange', 'action']).optional(),
  theme: z.string().max(200).optional(),
  crossCutting: z.enum(['true', 'false']).optional(),
  status: z.enum(['planned', 'in_progress', 'done', 'dropped']).optional(),
  inputStatus: z.enum(['open', 'awaiting_input', 'input_provided', 'resolved']).optional(),
  mission: z.string().regex(/^(EU|[A-Z]{2})$/, 'must be EU or an ISO code').optional(),
  overdue: z.enum(['true']).optional(),
  region: z.string().max(100).optional(),
  from: Day.optional(),
  to: Day.optional(),
  q: z.string().max(200).optional(),
  /** Records active in this period, as the roll-up counts them (drill-down). */
  activeFrom: Day.optional(),
  activeTo: Day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type ItemsQuery = z.infer<typeof ItemsQuery>

export const SearchQuery = z.object({
  q: z.string().max(200).refine((s) => s.trim().length > 0, 'must not be empty'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
})

/** An item as the API returns it. */
export interface ItemView {
  id: string
  hubId: string
  kind: 'exchange' | 'action'
  entryId: string
  title: string
  body: string
  themes: string[]
  forums: string[]
  mission: string | null
  missions: string[]
  leadMission: string | null
  authorId: string | null
  authorName: string | null
  createdAt: string | null
  updatedAt: string | null
  status: 'planned' | 'in_progress' | 'done' | 'dropped' | null
  due: string | null
  completedAt: string | null
  crossCutting: boolean
  inputStatus: 'open' | 'awaiting_input' | 'input_provided' | 'resolved' | null
  inputRequestedAt: string | null
  inputProvidedAt: string | null
  relatedHubs: string[]
  linkedItems: string[]
  /** What is missing or invalid in the entry; empty when all is well. */
  issues: string[]
  /** Comments in its thread (lists only). */
  commentCount?: number
}

/** One search hit: a brief or note (`docName`) or an item (`itemId`). */
export interface SearchHit {
  kind: 'brief' | 'note' | 'exchange' | 'action'
  docName?: string
  itemId?: string
  hubId: string
  title: string
  /** Plain text around the first match (render as text). */
  snippet: string
  rank: number
}
