import { can, type Actor } from '../../shared/access.js'
import type { Scope } from '../../shared/scopes.js'

/** At most this many live streams per session; opening one more ends the oldest (see `add`). */
export const STREAMS_PER_SESSION = 5

/** One open live stream, as the registry drives it: where to push, how to end it. */
export interface LiveStream {
  actor: Actor
  sessionHash: string
  push(event: 'thread' | 'inbox', data: string): void
  end(): void
}

/** What the registry fans out: a thread changed, or one user's unread count is now `unread`. */
export type LiveEvent =
  | { type: 'thread'; itemId: string; hubId: string; crossCutting: boolean; scope: Scope }
  | { type: 'inbox'; userId: string; unread: number }

/**
 * Every open `/api/events` stream of this process. Each event is decided once per stream by the
 * access authority, against facts carried in the event (O(1) per stream, no query): the unread
 * count is computed by whoever emits, once per affected user. A stream holds the actor of the
 * request that opened it, so it ends whenever that may have changed (its session ended, its role
 * or memberships changed): the browser reconnects and is judged afresh.
 * Over the cap the oldest stream of the session ends rather than refusing the new one: a new tab
 * always works, and one session can never hold more than the cap.
 */
export class LiveStreams {
  private readonly bySession = new Map<string, LiveStream[]>()

  /** Registers a stream. @returns its removal */
  add(stream: LiveStream): () => void {
    const list = this.bySession.get(stream.sessionHash) ?? []
    list.push(stream)
    this.bySession.set(stream.sessionHash, list)
    while (list.length > STREAMS_PER_SESSION) this.drop(list[0], true)
    return () => this.drop(stream, false)
  }

  publish(e: LiveEvent): void {
    const data = e.type === 'inbox' ? JSON.stringify({ unread: e.unread }) : JSON.stringify({ itemId: e.itemId })
    const resource = e.type === 'thread' ? ({ kind: 'item', hubId: e.hubId, crossCutting: e.crossCutting, scope: e.scope } as const) : null
    for (const s of this.all()) {
      if (resource ? can(s.actor, resource, 'read') : s.actor.id === (e as { userId: string }).userId) s.push(e.type, data)
    }
  }

  /** Ends the streams of these sessions (logout, expiry, revoked elsewhere). */
  endSessions(hashes: ReadonlySet<string>): number {
    let n = 0
    for (const h of hashes) for (const s of [...(this.bySession.get(h) ?? [])]) n += this.drop(s, true)
    return n
  }

  /** Ends a user's streams (role, membership or account changed). */
  endUser(userId: string): number {
    let n = 0
    for (const s of [...this.all()]) if (s.actor.id === userId) n += this.drop(s, true)
    return n
  }

  /** Ends every stream (server shutdown). */
  endAll(): void {
    for (const s of [...this.all()]) this.drop(s, true)
  }

  sessionHashes(): string[] {
    return [...this.bySession.keys()]
  }

  get size(): number {
    let n = 0
    for (const l of this.bySession.values()) n += l.length
    return n
  }

  private *all(): Generator<LiveStream> {
    for (const l of this.bySession.values()) yield* l
  }

  private drop(stream: LiveStream, end: boolean): number {
    const list = this.bySession.get(stream.sessionHash)
    const i = list?.indexOf(stream) ?? -1
    if (!list || i < 0) return 0
    list.splice(i, 1)
    if (list.length === 0) this.bySession.delete(stream.sessionHash)
    if (end) stream.end()
    return 1
  }
}
