import { asRoles } from '../../shared/roles.js'
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { can, canRequestInput, canResolveThread, hasRole, type Actor } from '../../shared/access.js'
import { ForbiddenError, NotFoundError, RateLimitedError } from '../errors.js'
import type { ItemView } from '../../shared/schemas/items.js'
import type { InboxKind } from '../../shared/schemas/comments.js'
import type { Role } from '../../shared/roles.js'
import { logDocName } from '../../shared/doc-names.js'
import { updateItem, type LogItemPatch } from '../../shared/log-doc.js'
import type { CollabServer } from '../collab/collab-server.js'
import { TokenBucket } from '../collab/guards.js'
import { DocThreadService } from './doc-thread-service.js'
import { LiveStreams, type LiveEvent, type LivePublisher } from './live-streams.js'
import { inboxRows, markEntriesRead, unreadCount, unreadCounts } from './inbox.js'
import { enqueueMails } from '../mail/mail-queue.js'

/** Comments one person may post or edit: 10 a minute, bursts of 20 (a flood costs storage and everyone's inbox). */
export const COMMENT_RATE = { perMinute: 10, burst: 20 } as const

/** A comment with its author's name and role, as the API presents it. */
export interface CommentRow {
  id: string
  item_id: string
  author_id: string
  author_name: string
  author_role: Role
  body: string
  created_at: Date
  edited_at: Date | null
  deleted_at: Date | null
}

/** An item's comments and its input-request state (none until someone asks). */
export interface ThreadRows {
  comments: CommentRow[]
  state: { requested_by: string | null; resolved_at: Date | null } | undefined
}

/** A line of someone's inbox, with the item's title and hub while the item is still projected. */
export interface InboxRow {
  id: number
  kind: InboxKind
  item_id: string
  comment_id: string | null
  actor_name: string | null
  created_at: Date
  read_at: Date | null
  title: string | null
  hub_id: string | null
  /** Lines about hub documents (brief steps, anchored comments); null on item lines. */
  hub_name?: string | null
  doc?: string | null
  period_id?: string | null
  thread_id?: string | null
  note_id?: string | null
  note_title?: string | null
  quote?: string | null
  brief_note?: string | null
  /** The comment's text (null: no comment, or deleted since). */
  comment_body: string | null
  comment_deleted_at: Date | null
}

/**
 * Comment threads on items, input requests and the inbox. Access is asked of shared/access.ts
 * for every call (who may read, comment, be mentioned); the caller passes the item as the
 * projection has it.
 */
export class CommentService {
  /** The open live streams (`/api/events`) of this process. */
  readonly streams = new LiveStreams()
  /** Comments anchored to passages of briefs and notes: same inbox, same live streams. */
  readonly docThreads: DocThreadService
  /** Where live events go: this process's streams, or every process's once a bridge is set (cluster/live-bridge.ts). */
  publishLive: (e: LiveEvent) => void = (e) => this.streams.publish(e)
  /** Publishing through `publishLive`, whatever it is set to later: for services and notices. */
  readonly live: LivePublisher = { publish: (e) => this.publishLive(e) }
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly collab: CollabServer | undefined,
  ) {
    this.docThreads = new DocThreadService(db, this.live)
    // Whenever sockets lose the authorization they were opened with (logout, expiry, disable, role
    // or membership change), so do live streams: they were authorized the same way.
    collab?.events.on('sessions-closed', (hashes: ReadonlySet<string>) => this.streams.endSessions(hashes))
    collab?.events.on('user-closed', (userId: string) => this.streams.endUser(userId))
  }

  /** Ends every open live stream (server shutdown: an open stream would hold the HTTP server open). */
  close(): void {
    this.streams.endAll()
  }

  async thread(actor: Actor, item: ItemView): Promise<ThreadRows> {
    this.ensure(actor, item, 'read')
    const rows = await this.db
      .selectFrom('comments')
      .innerJoin('users', 'users.id', 'comments.author_id')
      .select(['comments.id', 'comments.item_id', 'comments.author_id', 'users.name as author_name', 'users.role as author_role', 'comments.body', 'comments.created_at', 'comments.edited_at', 'comments.deleted_at'])
      .where('comments.item_id', '=', item.id)
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .execute()
    const state = await this.db.selectFrom('item_threads').select(['requested_by', 'resolved_at']).where('item_id', '=', item.id).executeTakeFirst()
    return { comments: rows, state }
  }

  async post(actor: Actor, item: ItemView, body: string): Promise<CommentRow> {
    this.ensure(actor, item, 'comment')
    this.rateLimit(actor)
    const id = randomBytes(9).toString('base64url')
    const now = new Date()
    const earlier = await this.db.selectFrom('comments').select('author_id').distinct().where('item_id', '=', item.id).execute()
    await this.db.insertInto('comments').values({ id, item_id: item.id, hub_id: item.hubId, author_id: actor.id, body, created_at: now }).execute()
    const mentioned = await this.mentionedReaders(item, body, actor.id)
    // Only those who may still read the item hear of a reply (a removed member does not).
    const readers = await this.readers(item, earlier.map((e) => e.author_id))
    const repliedTo = [...readers.keys()].filter((u) => u !== actor.id && !mentioned.has(u))
    await this.notify([...mentioned].map((u) => ({ user: u, kind: 'mention' as const })), item, actor, id)
    await this.notify(repliedTo.map((u) => ({ user: u, kind: 'reply' as const })), item, actor, id)
    // The first cyber-ambassador answer to a request is the input it asked for.
    if (hasRole(actor, 'cyber') && item.inputStatus === 'awaiting_input') {
      await this.setInputState(item, { inputStatus: 'input_provided', inputProvidedAt: now.toISOString() }, actor.id)
      const t = await this.db.selectFrom('item_threads').select('requested_by').where('item_id', '=', item.id).executeTakeFirst()
      await this.db
        .insertInto('item_threads')
        .values({ item_id: item.id, hub_id: item.hubId, provided_by: actor.id, provided_at: now })
        .onConflict((oc) => oc.column('item_id').doUpdateSet({ provided_by: actor.id, provided_at: now }))
        .execute()
      if (t?.requested_by && t.requested_by !== actor.id && (await this.readers(item, [t.requested_by])).size > 0) await this.notify([{ user: t.requested_by, kind: 'input_provided' }], item, actor, id)
    }
    this.emitThread(item)
    return { id, item_id: item.id, author_id: actor.id, author_name: actor.name, author_role: actor.role, body, created_at: now, edited_at: null, deleted_at: null }
  }

  async edit(actor: Actor, item: ItemView, commentId: string, body: string): Promise<void> {
    this.ensure(actor, item, 'comment')
    this.rateLimit(actor)
    const before = await this.own(actor, item, commentId)
    await this.db.updateTable('comments').set({ body, edited_at: new Date() }).where('id', '=', commentId).execute()
    // Someone newly mentioned by the edit hears of it; those already mentioned are not told twice.
    const had = await this.mentionedReaders(item, before.body, actor.id)
    const added = [...(await this.mentionedReaders(item, body, actor.id))].filter((u) => !had.has(u))
    await this.notify(added.map((u) => ({ user: u, kind: 'mention' as const })), item, actor, commentId)
    this.emitThread(item)
  }

  async remove(actor: Actor, item: ItemView, commentId: string): Promise<void> {
    this.ensure(actor, item, 'comment')
    await this.own(actor, item, commentId)
    // The text is gone; a marker keeps the thread's shape.
    await this.db.updateTable('comments').set({ body: '', deleted_at: new Date() }).where('id', '=', commentId).execute()
    this.emitThread(item)
  }

  async requestInput(actor: Actor, item: ItemView): Promise<void> {
    if (!canRequestInput(actor, item.hubId)) throw new ForbiddenError("only the hub's members may ask the cyber ambassadors for input")
    if (!item.crossCutting) throw new ForbiddenError('only cross-cutting items go to the cyber ambassadors: flag it cross-cutting first')
    const now = new Date()
    await this.setInputState(item, { inputStatus: 'awaiting_input', inputRequestedAt: now.toISOString(), inputProvidedAt: null }, actor.id)
    await this.db
      .insertInto('item_threads')
      .values({ item_id: item.id, hub_id: item.hubId, requested_by: actor.id, requested_at: now, resolved_by: null, resolved_at: null })
      .onConflict((oc) => oc.column('item_id').doUpdateSet({ requested_by: actor.id, requested_at: now, resolved_by: null, resolved_at: null }))
      .execute()
    const cyber = await this.db.selectFrom('users').select('id').where('role', '=', 'cyber').where('disabled_at', 'is', null).execute()
    const readers = await this.readers(item, cyber.map((u) => u.id))
    await this.notify([...readers.keys()].map((user) => ({ user, kind: 'input_request' as const })), item, actor, null)
    this.emitThread(item)
  }

  async resolve(actor: Actor, item: ItemView): Promise<void> {
    if (!canResolveThread(actor, item.hubId, await this.requestedBy(item.id))) {
      throw new ForbiddenError("only the hub's coordinators or whoever asked for input may resolve the thread")
    }
    const now = new Date()
    await this.setInputState(item, { inputStatus: 'resolved' }, actor.id)
    await this.db
      .insertInto('item_threads')
      .values({ item_id: item.id, hub_id: item.hubId, resolved_by: actor.id, resolved_at: now })
      .onConflict((oc) => oc.column('item_id').doUpdateSet({ resolved_by: actor.id, resolved_at: now }))
      .execute()
    this.emitThread(item)
  }

  async requestedBy(itemId: string): Promise<string | null> {
    return (await this.db.selectFrom('item_threads').select('requested_by').where('item_id', '=', itemId).executeTakeFirst())?.requested_by ?? null
  }

  async inbox(actor: Actor, limit = 100): Promise<{ unread: number; rows: InboxRow[] }> {
    return { rows: await inboxRows(this.db, actor, limit), unread: await unreadCount(this.db, actor) }
  }

  /** The actor's unread count, as their inbox shows it. */
  async unread(actor: Actor): Promise<number> {
    return unreadCount(this.db, actor)
  }

  /** Marks entries read; the live channel hears of it only when something changed. */
  async markRead(actor: Actor, ids: number[] | 'all'): Promise<void> {
    if ((await markEntriesRead(this.db, actor.id, ids)) > 0) await this.pushUnread([actor.id])
  }

  /** Comment counts per item, for lists. */
  async counts(itemIds: string[]): Promise<Record<string, number>> {
    if (itemIds.length === 0) return {}
    const rows = await this.db
      .selectFrom('comments')
      .select(['item_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('item_id', 'in', itemIds)
      .where('deleted_at', 'is', null)
      .groupBy('item_id')
      .execute()
    return Object.fromEntries(rows.map((r) => [r.item_id, Number(r.n)]))
  }

  private ensure(actor: Actor, item: ItemView, needed: 'read' | 'comment') {
    if (!can(actor, { kind: 'item', hubId: item.hubId, crossCutting: item.crossCutting, scope: item.scope }, needed)) {
      throw new ForbiddenError(needed === 'read' ? 'you may not read this item' : 'you may not comment on this item')
    }
  }

  private async own(actor: Actor, item: ItemView, commentId: string) {
    const c = await this.db.selectFrom('comments').select(['author_id', 'deleted_at', 'body']).where('id', '=', commentId).where('item_id', '=', item.id).executeTakeFirst()
    if (!c) throw new NotFoundError('comment')
    if (c.author_id !== actor.id) throw new ForbiddenError('you may only change your own comments')
    if (c.deleted_at) throw new NotFoundError('comment')
    return c
  }

  /** Users who may read the item and are named in the text as `@Full Name` or `@email`. */
  private async mentionedReaders(item: ItemView, body: string, authorId: string): Promise<Set<string>> {
    if (!body.includes('@')) return new Set()
    const text = body.toLowerCase()
    const out = new Set<string>()
    for (const [id, u] of await this.readers(item)) {
      if (id === authorId) continue
      if (text.includes(`@${u.name.toLowerCase()}`) || text.includes(`@${u.email.toLowerCase()}`)) out.add(id)
    }
    return out
  }

  /**
   * The enabled users (all, or among `among`) who may read the item now, by the access authority
   * with their current role and membership of the item's hub, and the item's current scope.
   */
  private async readers(item: ItemView, among?: string[]): Promise<Map<string, { name: string; email: string }>> {
    if (among && among.length === 0) return new Map()
    let q = this.db.selectFrom('users').select(['id', 'name', 'email', 'role', 'roles']).where('disabled_at', 'is', null)
    if (among) q = q.where('id', 'in', among)
    const users = await q.execute()
    const rows = await this.db.selectFrom('memberships').select(['user_id', 'coordinator']).where('hub_id', '=', item.hubId).execute()
    const members = new Map(rows.map((m) => [m.user_id, m.coordinator]))
    const resource = { kind: 'item', hubId: item.hubId, crossCutting: item.crossCutting, scope: item.scope } as const
    const out = new Map<string, { name: string; email: string }>()
    for (const u of users) {
      // Only this hub's membership matters to an item of this hub.
      const coordinator = members.get(u.id)
      const reader = { id: u.id, role: u.role, roles: asRoles(u.roles, u.role), memberships: coordinator === undefined ? [] : [{ hubId: item.hubId, coordinator }] }
      if (can(reader, resource, 'read')) out.set(u.id, { name: u.name, email: u.email })
    }
    return out
  }

  /** One bucket per person, across their sessions. @throws RateLimitedError (429) */
  private rateLimit(actor: Actor) {
    let b = this.buckets.get(actor.id)
    if (!b) this.buckets.set(actor.id, (b = new TokenBucket(COMMENT_RATE.perMinute / 60, COMMENT_RATE.burst)))
    if (!b.take()) throw new RateLimitedError(Math.ceil(60 / COMMENT_RATE.perMinute))
  }

  /** Pushes each user's new unread count to their streams: one count per user, not one per stream. */
  private async pushUnread(userIds: string[]) {
    for (const [userId, unread] of await unreadCounts(this.db, userIds)) this.publishLive({ type: 'inbox', userId, unread })
  }

  private async notify(targets: { user: string; kind: 'mention' | 'reply' | 'input_request' | 'input_provided' }[], item: ItemView, actor: Actor, commentId: string | null) {
    const rows = targets.filter((t) => t.user !== actor.id)
    if (rows.length === 0) return
    await this.db
      .insertInto('inbox_entries')
      .values(rows.map((t) => ({ user_id: t.user, kind: t.kind, item_id: item.id, comment_id: commentId, actor_id: actor.id })))
      .execute()
    // The same people by e-mail, as each chose (the mail names the item; it is rendered for its reader when sent).
    await enqueueMails(this.db, rows.map((t) => ({ kind: t.kind, userId: t.user, itemId: item.id, actorId: actor.id })))
    await this.pushUnread(rows.map((t) => t.user))
  }

  /**
   * The input state lives in the hub's log document (extra keys), written here by the server, so
   * it reaches every open client live and the projection; the items row is updated at once too.
   */
  private async setInputState(item: ItemView, patch: LogItemPatch, userId: string): Promise<void> {
    const docName = logDocName(item.hubId)
    if (this.collab) {
      await this.collab.editDoc(docName, { id: userId }, (doc) => {
        if (!updateItem(doc, item.entryId, patch)) throw new NotFoundError('item')
      })
    }
    const set: Record<string, unknown> = {}
    if (patch.inputStatus !== undefined) set.input_status = patch.inputStatus
    if (patch.inputRequestedAt !== undefined) set.input_requested_at = patch.inputRequestedAt
    if (patch.inputProvidedAt !== undefined) set.input_provided_at = patch.inputProvidedAt
    await this.db.updateTable('items').set(set).where('id', '=', item.id).execute()
    item.inputStatus = (patch.inputStatus ?? item.inputStatus) as ItemView['inputStatus']
  }

  private emitThread(item: ItemView) {
    this.publishLive({ type: 'thread', itemId: item.id, hubId: item.hubId, crossCutting: item.crossCutting, scope: item.scope })
  }
}
