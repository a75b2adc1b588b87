import { useMemo } from 'react'
import { useApi } from '../api/query'
import type { ItemView } from '../../shared/schemas/items'
import { buildItemId } from '../../shared/item-id'

const NONE: Record<string, number> = {}

/** Comment counts of a hub's log entries (by entry id), kept current by the live channel (api/live-queries.ts). */
export function useCommentCounts(hubId: string): Record<string, number> {
  const items = useApi<ItemView[]>(`/api/items?hubId=${encodeURIComponent(hubId)}&limit=500`).data
  return useMemo(() => (items ? Object.fromEntries(items.map((i) => [i.entryId, i.commentCount ?? 0])) : NONE), [items])
}

/** The `items` id of a log entry. */
export const itemIdOf = buildItemId
