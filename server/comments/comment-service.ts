import { EventEmitter } from 'node:events'
import type { Scope } from '../../shared/scopes.js'
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { can, canRequestInput, canResolveThread, type Actor } from '../../shared/access.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import type { ItemView } from '../../shared/schemas/items.js'
import type { InboxKind } from '../../shared/schemas/comments.js'
import type { Role } from '../../shared/roles.js'
import { logDocName } from '../../shared/doc-names.js'
import { updateItem, type LogItemPatch } from '../../shared/log-doc.js'
import type { CollabServer } from '../collab/collab-server.js'

/** What the live channel carries: a thread changed (comment, state), or a user's inbox changed. */
export type CommentEvent =
  | { type: 'thread'; itemId: string; hubId: string; crossCutting: boolean; scope: Scope }
  | { type: 'inbox'; userId: string }

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
}

/**
 * Comment threads on items, input requests and the inbox. Access is asked of shared/access.ts
 * for every call (who may read, comment, be mentioned); the caller passes the item as the
 * projection has it.
 */
export class CommentService {
  readonly events = new EventEmitter()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly collab: CollabServer | undefined,
  ) {
    this.events.setMaxListeners(1000)
  }

  /** Ends every open live stream (server shutdown: an open stream would hold the HTTP server open). */
  close(): void {
    this.events.emit('close')
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
    const id = randomBytes(9).toString('base64url')
    const now = new Date()
    const earlier = await this.db.selectFrom('comments').select('author_id').distinct().where('item_id', '=', item.id).execute()
    await this.db.insertInto('comments').values({ id, item_id: item.id, hub_id: item.hubId, author_id: actor.id, body, created_at: now }).execute()
    const mentioned = await this.mentionedReaders(item, body, actor.id)
    const repliedTo = earlier.map((e) => e.author_id).filter((u) => u !== actor.id && !mentioned.has(u))
    await this.notify([...mentioned].map((u) => ({ user: u, kind: 'mention' as const })), item, actor, id)
    await this.notify(repliedTo.map((u) => ({ user: u, kind: 'reply' as const })), item, actor, id)
    // The first cyber-ambassador answer to a request is the input it asked for.
    if (actor.role === 'cyber' && item.inputStatus === 'awaiting_input') {
      await this.setInputState(item, { inputStatus: 'input_provided', inputProvidedAt: now.toISOString() }, actor.id)
      const t = await this.db.selectFrom('item_threads').select('requested_by').where('item_id', '=', item.id).executeTakeFirst()
      await this.db
        .insertInto('item_threads')
        .values({ item_id: item.id, hub_id: item.hubId, provided_by: actor.id, provided_at: now })
        .onConflict((oc) => oc.column('item_id').doUpdateSet({ provided_by: actor.id, provided_at: now }))
        .execute()
      if (t?.requested_by && t.requested_by !== actor.id) await this.notify([{ user: t.requested_by, kind: 'input_provided' }], item, actor, id)
    }
    this.emitThread(item)
    return { id, item_id: item.id, author_id: actor.id, author_name: actor.name, author_role: actor.role, body, created_at: now, edited_at: null, deleted_at: null }
  }

  async edit(actor: Actor, item: ItemView, commentId: string, body: string): Promise<void> {
    this.ensure(actor, item, 'comment')
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
    await this.notify(cyber.map((u) => ({ user: u.id, kind: 'input_request' as const })), item, actor, null)
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
    const rows = await this.db
      .selectFrom('inbox_entries')
      .leftJoin('users', 'users.id', 'inbox_entries.actor_id')
      .leftJoin('items', 'items.id', 'inbox_entries.item_id')
      .select(['inbox_entries.id', 'inbox_entries.kind', 'inbox_entries.item_id', 'inbox_entries.comment_id', 'users.name as actor_name', 'inbox_entries.created_at', 'inbox_entries.read_at', 'items.title', 'items.hub_id'])
      .where('inbox_entries.user_id', '=', actor.id)
      .orderBy('inbox_entries.created_at', 'desc')
      .orderBy('inbox_entries.id', 'desc')
      .limit(limit)
      .execute()
    return { unread: await this.unread(actor.id), rows }
  }

  async unread(userId: string): Promise<number> {
    const r = await this.db.selectFrom('inbox_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow()
    return Number(r.n)
  }

  async markRead(actor: Actor, ids: number[] | 'all'): Promise<void> {
    let q = this.db.updateTable('inbox_entries').set({ read_at: new Date() }).where('user_id', '=', actor.id).where('read_at', 'is', null)
    if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : [-1])
    await q.execute()
    this.events.emit('event', { type: 'inbox', userId: actor.id } satisfies CommentEvent)
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
    const users = await this.db.selectFrom('users').select(['id', 'name', 'email', 'role']).where('disabled_at', 'is', null).execute()
    const rows = await this.db.selectFrom('memberships').select(['user_id', 'coordinator']).where('hub_id', '=', item.hubId).execute()
    const members = new Map(rows.map((m) => [m.user_id, m.coordinator]))
    const resource = { kind: 'item', hubId: item.hubId, crossCutting: item.crossCutting, scope: item.scope } as const
    const out = new Set<string>()
    for (const u of users) {
      if (u.id === authorId) continue
      // Only this hub's membership matters to an item of this hub.
      const coordinator = members.get(u.id)
      const reader = { id: u.id, role: u.role, memberships: coordinator === undefined ? [] : [{ hubId: item.hubId, coordinator }] }
      if (can(reader, resource, 'read') && (text.includes(`@${u.name.toLowerCase()}`) || text.includes(`@${u.email.toLowerCase()}`))) out.add(u.id)
    }
    return out
  }

  private async notify(targets: { user: string; kind: 'mention' | 'reply' | 'input_request' | 'input_provided' }[], item: ItemView, actor: Actor, commentId: string | null) {
    const rows = targets.filter((t) => t.user !== actor.id)
    if (rows.length === 0) return
    await this.db
      .insertInto('inbox_entries')
      .values(rows.map((t) => ({ user_id: t.user, kind: t.kind, item_id: item.id, comment_id: commentId, actor_id: actor.id })))
      .execute()
    for (const t of rows) this.events.emit('event', { type: 'inbox', userId: t.user } satisfies CommentEvent)
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
    this.events.emit('event', { type: 'thread', itemId: item.id, hubId: item.hubId, crossCutting: item.crossCutting, scope: item.scope } satisfies CommentEvent)
  }
}
