import { useEffect, useState } from 'react'
import { request } from '../api/request'
import { onLive } from '../api/live'
import type { ItemView } from '../../shared/schemas/items'
import { buildItemId } from '../../shared/item-id'

/** Comment counts of a hub's log entries (by entry id), kept current by the live channel. */
export function useCommentCounts(hubId: string): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({})
  useEffect(() => {
    let live = true
    const load = () =>
      request<ItemView[]>('GET', `/api/items?hubId=${encodeURIComponent(hubId)}&limit=500`).then(
        (items) => live && setCounts(Object.fromEntries(items.map((i) => [i.entryId, i.commentCount ?? 0]))),
        () => {},
      )
    void load()
    const off = onLive('thread', () => void load())
    return () => {
      live = false
      off()
    }
  }, [hubId])
  return counts
}

/** The `items` id of a log entry. */
export const itemIdOf = buildItemId
