/**
 * The signed-in user's live channel (`GET /api/events`, Server-Sent Events): one EventSource for
 * the whole app, shared by whoever listens. EventSource reconnects by itself.
 */
type Listener = (data: Record<string, unknown>) => void
/** The events of the channel (server/comments/live-streams.ts); `open` is the channel (re)connecting. */
export type LiveEventType = 'thread' | 'inbox' | 'brief' | 'doc-thread' | 'note' | 'open'
const EVENTS = ['thread', 'inbox', 'brief', 'doc-thread', 'note'] as const
const listeners = new Map<string, Set<Listener>>()
let source: EventSource | null = null

function ensure() {
  if (source) return
  source = new EventSource('/api/events')
  // After a reconnect, whatever was missed meanwhile is read again by those who listen to `open`.
  source.addEventListener('open', () => listeners.get('open')?.forEach((l) => l({})))
  for (const type of EVENTS) {
    source.addEventListener(type, (e) => {
      const data = JSON.parse((e as MessageEvent).data) as Record<string, unknown>
      listeners.get(type)?.forEach((l) => l(data))
    })
  }
}

/** Listens to one kind of live event; returns the unsubscribe function. */
export function onLive(type: LiveEventType, cb: Listener): () => void {
  ensure()
  let set = listeners.get(type)
  if (!set) listeners.set(type, (set = new Set()))
  set.add(cb)
  return () => {
    set.delete(cb)
  }
}

/** Closes the channel (sign-out). */
export function closeLive(): void {
  source?.close()
  source = null
}
