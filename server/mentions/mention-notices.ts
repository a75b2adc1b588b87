import { randomBytes } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { canCommentOnDoc } from '../../shared/access.js'
import { parseDocName } from '../../shared/doc-names.js'
import { docResource } from '../db/doc-exists.js'
import { readDocState } from '../db/update-store.js'
import { addDocNotices, hubReaders } from '../comments/doc-notices.js'
import type { LivePublisher } from '../comments/live-streams.js'
import { enqueueMails } from '../mail/mail-queue.js'
import { excerptAround } from './mention-excerpt.js'
import { scratchDoc } from '../editor/scratch-doc.js'

/** What the sync server announces once an update writing mentions is stored (collab-server.ts `MentionedEvent`). */
export interface Mentioned {
  doc: string
  mentions: { node: string; userId: string }[]
  byUserId: string
}

/** Mentions heard of per stored update at most: a pasted list of a hundred names tells the first 50. */
export const MENTIONS_PER_UPDATE = 50
/** Announcements waiting at most; past this (a flood) the newest are dropped and logged. */
const QUEUE_MAX = 500

/** The inbox key (`item_id`) of a mention's line. */
export const mentionNoticeKey = () => `doc-mention:${randomBytes(9).toString('base64url')}`

/**
 * Tells people they were mentioned in a brief or a note. The sync server only announces what a
 * stored update wrote (the meaning check found the mention nodes; the writer is the connection's
 * user): everything here happens after the commit, one announcement at a time, off the
 * persist-before-relay path. Each mentioned person is told once per mention node (doc_mentions),
 * and only while they may read the document (shared/access.ts): a mention of anyone else tells no
 * one. The inbox line says which hub and document, and the line around the mention; the e-mail
 * follows the person's choice for mentions, as for comments.
 */
export class MentionNotices {
  private readonly queue: Mentioned[] = []
  private running: Promise<void> = Promise.resolve()
  private busy = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly live: LivePublisher,
    private readonly logger: Logger,
  ) {}

  /** Listens to the sync server's announcements; returns the way to stop. */
  follow(events: EventEmitter): () => void {
    const on = (e: Mentioned) => this.enqueue(e)
    events.on('mentioned', on)
    return () => events.off('mentioned', on)
  }

  enqueue(e: Mentioned): void {
    if (this.queue.length >= QUEUE_MAX) {
      this.logger.warn({ doc: e.doc }, 'mention notices backlogged; announcement dropped')
      return
    }
    this.queue.push(e)
    if (!this.busy) this.running = this.drain()
  }

  /** Resolves once every announcement so far is handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.busy) await this.running
  }

  private async drain(): Promise<void> {
    this.busy = true
    try {
      for (let e = this.queue.shift(); e; e = this.queue.shift()) {
        try {
          await this.handle(e)
        } catch (err) {
          this.logger.warn({ err: (err as Error).message, doc: e.doc }, 'mention notices failed')
        }
      }
    } finally {
      this.busy = false
    }
  }

  private async handle(e: Mentioned): Promise<void> {
    const doc = parseDocName(e.doc)
    if (!doc || doc.type === 'log') return
    const mentions = e.mentions.filter((m) => m.userId !== e.byUserId).slice(0, MENTIONS_PER_UPDATE)
    if (mentions.length === 0) return
    const { scope } = await docResource(this.db, doc)
    const ids = [...new Set(mentions.map((m) => m.userId))]
    const people = await hubReaders(this.db, doc.hubId, ids)
    const readers = new Map(people.filter((u) => canCommentOnDoc(u, doc, scope)).map((u) => [u.id, u]))
    const told = mentions.filter((m) => readers.has(m.userId))
    if (told.length === 0) return
    const excerpts = await this.excerpts(e.doc, told.map((m) => m.node))
    for (const m of told) {
      const key = mentionNoticeKey()
      const inserted = await this.db
        .insertInto('doc_mentions')
        .values({ doc: e.doc, node: m.node, user_id: m.userId, actor_id: e.byUserId, notice_key: key, excerpt: excerpts.get(m.node) ?? '' })
        .onConflict((oc) => oc.columns(['doc', 'node', 'user_id']).doNothing())
        .returning('notice_key')
        .executeTakeFirst()
      if (!inserted) continue
      await addDocNotices(this.db, this.live, e.byUserId, [{ user: m.userId, kind: 'mention' }], {
        key,
        hubId: doc.hubId,
        doc: e.doc,
        noteId: doc.type === 'note' ? doc.noteId : null,
      })
      await enqueueMails(this.db, [{ kind: 'mention', userId: m.userId, doc: e.doc, hubId: doc.hubId, actorId: e.byUserId, dedupeKey: `mention:${e.doc}:${m.node}:${m.userId}` }])
    }
  }

  /** The line around each mention, read from the document as stored now, names as they are now. */
  private async excerpts(docName: string, nodes: string[]): Promise<Map<string, string>> {
    const stored = await readDocState(this.db, docName)
    const out = new Map<string, string>()
    if (!stored) return out
    const ydoc = scratchDoc()
    try {
      Y.applyUpdate(ydoc, stored.update)
      // A first reading finds who the lines mention; the second names them as they are called now.
      const asked = new Set<string>()
      for (const n of nodes) excerptAround(ydoc, n, (id) => void asked.add(id))
      const ids = [...asked].slice(0, 200)
      const names = new Map<string, string>()
      if (ids.length) for (const u of await this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()) names.set(u.id, u.name)
      for (const n of nodes) out.set(n, excerptAround(ydoc, n, (id) => names.get(id)))
      return out
    } finally {
      ydoc.destroy()
    }
  }
}
