import { parseItemId } from '../../shared/item-id'

/**
 * The URL of each thing a person may want to share or come back to. The log tabs read `item`
 * (the entry shown and scrolled to) and `thread` (its open comment thread) from the query.
 */
export const hubPath = (hubId: string, tab = 'brief') => `/hubs/${encodeURIComponent(hubId)}/${tab}`
export const notePath = (hubId: string, noteId: string) => `/hubs/${encodeURIComponent(hubId)}/notes/${encodeURIComponent(noteId)}`

/** An exchange or action in its hub's tab; with `thread`, its comments open too. */
export function entryPath(hubId: string, kind: 'exchange' | 'action', entryId: string, thread = false): string {
  const q = new URLSearchParams({ item: entryId })
  if (thread) q.set('thread', '1')
  return `${hubPath(hubId, kind === 'action' ? 'actions' : 'exchanges')}?${q}`
}

/** The place of an item id (`hub:kind:entry`): its entry in the hub, or null for an id that is not one. */
export function itemPath(itemId: string, thread = false): string | null {
  const p = parseItemId(itemId)
  return p ? entryPath(p.hubId, p.kind, p.entryId, thread) : null
}

/** The DOM id of a log entry's card, for scrolling to it. */
export const entryAnchor = (entryId: string) => `entry-${entryId}`
