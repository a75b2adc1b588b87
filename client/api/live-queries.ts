import { onLive } from './live'
import { invalidateApi, queryClient } from './query'

const enc = encodeURIComponent
const text = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * The live channel keeps the cached GETs current: each event marks stale the reads it changes
 * (those on screen refetch at once, the others when next shown). After the channel reconnects,
 * everything is read again (what happened while it was down). Returns the unsubscribe function.
 */
export function followLive(): () => void {
  const offs = [
    onLive('open', () => void queryClient.invalidateQueries({ queryKey: ['api'] })),
    onLive('brief', (d) => void invalidateApi(`/api/hubs/${enc(text(d.hubId))}/briefs`)),
    onLive('note', (d) => void invalidateApi(`/api/hubs/${enc(text(d.hubId))}/notes`)),
    // A comment changes its thread, its item's comment count (lists of items) and the board.
    onLive('thread', () => void invalidateApi('/api/items')),
    onLive('doc-thread', (d) => void invalidateApi(`/api/docs/${enc(text(d.doc))}/threads`)),
    onLive('inbox', () => void invalidateApi('/api/inbox')),
  ]
  return () => offs.forEach((off) => off())
}
