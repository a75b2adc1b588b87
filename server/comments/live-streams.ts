import { can, type Actor, type Resource } from '../../shared/access.js'
import type { Scope } from '../../shared/scopes.js'
import { briefDocName, noteDocName, type DocName } from '../../shared/doc-names.js'
import type { BriefStatus } from '../../shared/schemas/periods.js'

/** At most this many live streams per session; opening one more ends the oldest (see `add`). */
export const STREAMS_PER_SESSION = 5

/** One open live stream, as the registry drives it: where to push, how to end it. */
export interface LiveStream {
  actor: Actor
  sessionHash: string
  push(event: LiveEventName, data: string): void
  end(): void
}

/**
 * What the registry fans out: an item's thread changed; one user's unread count is now `unread`;
 * a hub brief's status in a period changed (with HQ's note: the brief tab shows it at once); a
 * thread anchored to a passage of a brief or note changed; a note was created, renamed or re-scoped.
 */
export type LiveEvent =
  | { type: 'thread'; itemId: string; hubId: string; crossCutting: boolean; scope: Scope }
  | { type: 'inbox'; userId: string; unread: number }
  // No note: it may be 4,000 characters, past what a NOTIFY carries; the brief tab re-reads it.
  | { type: 'brief'; hubId: string; periodId: string; status: BriefStatus }
  | { type: 'doc-thread'; doc: DocName; scope?: Scope; threadId: string }
  // A note was created, renamed or re-scoped: the hub's notes list and the note's title change.
  | { type: 'note'; hubId: string; noteId: string; scope: Scope }

export type LiveEventName = LiveEvent['type']

/** The event's payload as the stream sends it. */
function payload(e: LiveEvent): string {
  switch (e.type) {
    case 'inbox':
      return JSON.stringify({ unread: e.unread })
    case 'thread':
      return JSON.stringify({ itemId: e.itemId })
    case 'brief':
      return JSON.stringify({ hubId: e.hubId, periodId: e.periodId, status: e.status })
    case 'doc-thread':
      return JSON.stringify({ doc: e.doc.name, threadId: e.threadId })
    case 'note':
      return JSON.stringify({ hubId: e.hubId, noteId: e.noteId })
  }
}

/** What a reader must be allowed to read to hear of the event (null: it is one user's own). */
function resourceOf(e: LiveEvent): Resource | null {
  switch (e.type) {
    case 'inbox':
      return null
    case 'thread':
      return { kind: 'item', hubId: e.hubId, crossCutting: e.crossCutting, scope: e.scope }
    case 'brief':
      return { kind: 'doc', doc: { type: 'brief', hubId: e.hubId, name: briefDocName(e.hubId) } }
    case 'doc-thread':
      return { kind: 'doc-comments', doc: e.doc, scope: e.scope }
    case 'note':
      return { kind: 'doc', doc: { type: 'note', hubId: e.hubId, noteId: e.noteId, name: noteDocName(e.hubId, e.noteId) }, scope: e.scope }
  }
}

/** Where a live event is sent: this process's streams, or every process's through the live bridge. */
export interface LivePublisher {
  publish(e: LiveEvent): void
}

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
    const data = payload(e)
    const resource = resourceOf(e)
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
