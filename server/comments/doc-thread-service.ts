import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../db/schema.js'
import { canCommentOnDoc, hearsOfBriefAnswers, type Actor } from '../../shared/access.js'
import type { DocName } from '../../shared/doc-names.js'
import type { Scope } from '../../shared/scopes.js'
import type { Role } from '../../shared/roles.js'
import { MENTION_PEOPLE_MAX, THREADS_PER_DOC_MAX, type DocThreadInput } from '../../shared/schemas/doc-threads.js'
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from '../errors.js'
import { TokenBucket } from '../collab/guards.js'
import type { LivePublisher } from './live-streams.js'
import { addDocNotices, hubReaders, mentionedIn, type HubReader } from './doc-notices.js'
import { enqueueMails } from '../mail/mail-queue.js'

/** A document as anchored comments know it: its parsed name and, for a note, its scope now. */
export interface CommentedDoc {
  doc: DocName
  scope?: Scope
}

export interface DocThreadRow {
  id: string
  doc: string
  hub_id: string
  anchor_start: string
  anchor_end: string
  quote: string
  author_id: string
  author_name: string
  author_role: Role
  created_at: Date
  resolved_at: Date | null
  resolved_by: string | null
  comments: DocCommentRow[]
}

export interface DocCommentRow {
  id: string
  thread_id: string
  author_id: string
  author_name: string
  author_role: Role
  body: string
  created_at: Date
  deleted_at: Date | null
}

/** Anchored comments one person may post: as item comments, 10 a minute, bursts of 20. */
export const DOC_COMMENT_RATE = { perMinute: 10, burst: 20 } as const

/** The key of an anchored thread's inbox lines (`item_id`). */
export const threadNoticeKey = (threadId: string) => `doc-thread:${threadId}`

/**
 * Comments anchored to passages of the hub brief or a note. The thread rows are SQL, never part
 * of the document: commenting changes nothing in the brief (HQ, who cannot edit it, may comment).
 * The anchor is two Yjs relative positions the browser made over the document's `XmlText`s; the
 * server checks they decode as such and stores them as given. Who may read and write threads is
 * the document's readers (shared/access.ts `canCommentOnDoc`), asked at every call.
 */
export class DocThreadService {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly streams: LivePublisher,
  ) {}

  /** The document's threads, oldest first, each with its comments. */
  async list(actor: Actor, target: CommentedDoc): Promise<DocThreadRow[]> {
    this.ensure(actor, target)
    const threads = await this.db
      .selectFrom('doc_threads')
      .innerJoin('users', 'users.id', 'doc_threads.author_id')
      .select(['doc_threads.id', 'doc_threads.doc', 'doc_threads.hub_id', 'anchor_start', 'anchor_end', 'quote', 'author_id', 'users.name as author_name', 'users.role as author_role', 'doc_threads.created_at', 'resolved_at', 'resolved_by'])
      .where('doc_threads.doc', '=', target.doc.name)
      .orderBy('doc_threads.created_at')
      .orderBy('doc_threads.id')
      .execute()
    if (threads.length === 0) return []
    const comments = await this.comments(threads.map((t) => t.id))
    return threads.map((t) => ({ ...t, comments: comments.filter((c) => c.thread_id === t.id) }))
  }

  async get(actor: Actor, target: CommentedDoc, threadId: string): Promise<DocThreadRow> {
    const found = (await this.list(actor, target)).find((t) => t.id === threadId)
    if (!found) throw new NotFoundError('thread')
    return found
  }

  /**
   * Opens a thread on a passage with its first comment. Those mentioned hear of it; a comment from
   * outside the hub (HQ) on its brief or note is also sent to the hub's coordinators.
   */
  async create(actor: Actor, target: CommentedDoc, input: DocThreadInput): Promise<DocThreadRow> {
    this.ensure(actor, target)
    this.rateLimit(actor)
    decodeAnchor(input.anchor.start, 'anchor.start')
    decodeAnchor(input.anchor.end, 'anchor.end')
    const count = await this.db.selectFrom('doc_threads').select((eb) => eb.fn.countAll<number>().as('n')).where('doc', '=', target.doc.name).executeTakeFirstOrThrow()
    if (Number(count.n) >= THREADS_PER_DOC_MAX) throw new ConflictError(`this document holds ${THREADS_PER_DOC_MAX} comment threads already`)
    const id = newId()
    const commentId = newId()
    const now = new Date()
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('doc_threads')
        .values({ id, doc: target.doc.name, hub_id: target.doc.hubId, anchor_start: input.anchor.start, anchor_end: input.anchor.end, quote: input.quote, author_id: actor.id, created_at: now })
        .execute()
      await tx.insertInto('doc_comments').values({ id: commentId, thread_id: id, author_id: actor.id, body: input.body, created_at: now }).execute()
    })
    const readers = await this.readers(target)
    const mentioned = mentionedIn(input.body, readers, actor.id)
    const outsider = !actor.memberships.some((m) => m.hubId === target.doc.hubId)
    const coordinators = outsider ? readers.filter((r) => hearsOfBriefAnswers(r, target.doc.hubId) && !mentioned.some((m) => m.id === r.id)) : []
    await this.notify(actor, target, id, commentId, [...mentioned.map((u) => ({ user: u.id, kind: 'mention' as const })), ...coordinators.map((u) => ({ user: u.id, kind: 'doc_comment' as const }))])
    this.emit(target, id)
    return this.get(actor, target, id)
  }

  /** A reply: those mentioned hear of it, and everyone who wrote in the thread before. */
  async reply(actor: Actor, target: CommentedDoc, threadId: string, body: string): Promise<DocCommentRow> {
    this.ensure(actor, target)
    this.rateLimit(actor)
    await this.thread(target, threadId)
    const earlier = await this.db.selectFrom('doc_comments').select('author_id').distinct().where('thread_id', '=', threadId).execute()
    const id = newId()
    const now = new Date()
    await this.db.insertInto('doc_comments').values({ id, thread_id: threadId, author_id: actor.id, body, created_at: now }).execute()
    const readers = await this.readers(target)
    const mentioned = mentionedIn(body, readers, actor.id)
    const repliedTo = readers.filter((r) => earlier.some((e) => e.author_id === r.id) && !mentioned.some((m) => m.id === r.id))
    await this.notify(actor, target, threadId, id, [...mentioned.map((u) => ({ user: u.id, kind: 'mention' as const })), ...repliedTo.map((u) => ({ user: u.id, kind: 'reply' as const }))])
    this.emit(target, threadId)
    return { id, thread_id: threadId, author_id: actor.id, author_name: actor.name, author_role: actor.role, body, created_at: now, deleted_at: null }
  }

  /** Resolves (or reopens) a thread; its opener hears of it when someone else did it. */
  async setResolved(actor: Actor, target: CommentedDoc, threadId: string, resolved: boolean): Promise<DocThreadRow> {
    this.ensure(actor, target)
    const thread = await this.thread(target, threadId)
    if (resolved !== (thread.resolved_at !== null)) {
      await this.db
        .updateTable('doc_threads')
        .set(resolved ? { resolved_at: new Date(), resolved_by: actor.id } : { resolved_at: null, resolved_by: null })
        .where('id', '=', threadId)
        .execute()
      if (resolved) {
        const opener = await this.readers(target, [thread.author_id])
        await this.notify(actor, target, threadId, null, opener.map((u) => ({ user: u.id, kind: 'doc_resolved' as const })))
      }
      this.emit(target, threadId)
    }
    return this.get(actor, target, threadId)
  }

  /**
   * The people one may mention in the document: its readers now (shared/access.ts), by name, whose
   * name or e-mail starts a word with `q`; never oneself. Mentioning anyone else would tell no one.
   */
  async people(actor: Actor, target: CommentedDoc, q = '', ids?: string[]): Promise<{ id: string; name: string }[]> {
    this.ensure(actor, target)
    // Names of mentions already in the document: only of people who may read it (others show no name).
    if (ids) return (await this.readers(target, ids.slice(0, 50))).map((u) => ({ id: u.id, name: u.name }))
    const needle = q.trim().toLowerCase()
    const matches = (u: HubReader) => !needle || u.email.toLowerCase().startsWith(needle) || u.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(needle)) || u.name.toLowerCase().startsWith(needle)
    return (await this.readers(target))
      .filter((u) => u.id !== actor.id && matches(u))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MENTION_PEOPLE_MAX)
      .map((u) => ({ id: u.id, name: u.name }))
  }

  private ensure(actor: Actor, target: CommentedDoc) {
    if (!canCommentOnDoc(actor, target.doc, target.scope)) throw new ForbiddenError('you may not read the comments of this document')
  }

  private async thread(target: CommentedDoc, threadId: string) {
    const t = await this.db.selectFrom('doc_threads').select(['id', 'author_id', 'resolved_at']).where('id', '=', threadId).where('doc', '=', target.doc.name).executeTakeFirst()
    if (!t) throw new NotFoundError('thread')
    return t
  }

  private async comments(threadIds: string[]): Promise<DocCommentRow[]> {
    return this.db
      .selectFrom('doc_comments')
      .innerJoin('users', 'users.id', 'doc_comments.author_id')
      .select(['doc_comments.id', 'thread_id', 'author_id', 'users.name as author_name', 'users.role as author_role', 'body', 'doc_comments.created_at', 'deleted_at'])
      .where('thread_id', 'in', threadIds)
      .orderBy('doc_comments.created_at')
      .orderBy('doc_comments.id')
      .execute()
  }

  /** The enabled users (all, or among `among`) who may read the document now: only they hear of its comments. */
  private async readers(target: CommentedDoc, among?: string[]): Promise<HubReader[]> {
    return (await hubReaders(this.db, target.doc.hubId, among)).filter((u) => canCommentOnDoc(u, target.doc, target.scope))
  }

  private async notify(actor: Actor, target: CommentedDoc, threadId: string, commentId: string | null, targets: { user: string; kind: 'mention' | 'reply' | 'doc_comment' | 'doc_resolved' }[]) {
    await addDocNotices(this.db, this.streams, actor.id, targets, {
      key: threadNoticeKey(threadId),
      hubId: target.doc.hubId,
      doc: target.doc.name,
      noteId: target.doc.type === 'note' ? target.doc.noteId : null,
      threadId,
      commentId,
    })
    // Mentions and replies by e-mail too, as each chose for those kinds. Every target is a reader of
    // the document now (readers()); the mail names the document, never the passage or the comment,
    // and is checked against access again when it is sent.
    const mailed = new Set<string>()
    await enqueueMails(
      this.db,
      targets
        .filter((x) => (x.kind === 'mention' || x.kind === 'reply') && x.user !== actor.id && !mailed.has(x.user) && mailed.add(x.user))
        .map((x) => ({ kind: x.kind as 'mention' | 'reply', userId: x.user, doc: target.doc.name, hubId: target.doc.hubId, actorId: actor.id })),
    )
  }

  private emit(target: CommentedDoc, threadId: string) {
    this.streams.publish({ type: 'doc-thread', doc: target.doc, scope: target.scope, threadId })
  }

  /** One bucket per person, across their sessions. @throws RateLimitedError (429) */
  private rateLimit(actor: Actor) {
    let b = this.buckets.get(actor.id)
    if (!b) this.buckets.set(actor.id, (b = new TokenBucket(DOC_COMMENT_RATE.perMinute / 60, DOC_COMMENT_RATE.burst)))
    if (!b.take()) throw new RateLimitedError(Math.ceil(60 / DOC_COMMENT_RATE.perMinute))
  }
}

const newId = () => randomBytes(9).toString('base64url')

/** Checks that an anchor position is an encoded Yjs relative position. @throws ValidationError (400) */
function decodeAnchor(b64: string, field: string): void {
  try {
    const rel = Y.decodeRelativePosition(new Uint8Array(Buffer.from(b64, 'base64')))
    if (!rel.type && !rel.tname && !rel.item) throw new Error('empty')
  } catch {
    throw new ValidationError(`${field}: must be an encoded Yjs relative position`)
  }
}
