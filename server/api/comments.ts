import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { AppEnv } from '../app-env.js'
import { canRequestInput, canResolveThread, type Actor } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { findItem } from '../rollup/item-queries.js'
import type { CommentService } from '../comments/comment-service.js'
import type { LiveEventName } from '../comments/live-streams.js'
import { CommentInput, InboxReadInput } from '../../shared/schemas/comments.js'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ItemView } from '../../shared/schemas/items.js'
import { validate } from './validate.js'
import { presentComment, presentInbox, presentThread } from './present/comments.js'
import { presentItem } from './present/items.js'

const ItemParams = z.object({ itemId: z.string().min(3).max(400) })
const CommentParams = ItemParams.extend({ commentId: z.string().min(1).max(64) })

const service = (c: Context<AppEnv>): CommentService => c.var.deps.services.comments

/** The item as the thread works with it. @throws NotFoundError */
async function item(db: Kysely<Database>, itemId: string): Promise<ItemView> {
  const found = await findItem(db, itemId)
  if (!found) throw new NotFoundError('item')
  return presentItem(found)
}

/** `/api/items/:itemId/…`: comment threads, input requests, resolving. */
export const itemThreads = new Hono<AppEnv>()
  .get('/:itemId/comments', validate('param', ItemParams), async (c) => {
    const actor = requireActor(c)
    const thread = await service(c).thread(actor, await item(c.var.db, c.req.valid('param').itemId))
    return c.json(thread.comments.map(presentComment))
  })
  .get('/:itemId/thread', validate('param', ItemParams), async (c) => {
    const actor = requireActor(c)
    const it = await item(c.var.db, c.req.valid('param').itemId)
    return c.json(presentThread(it, await service(c).thread(actor, it)))
  })
  .post('/:itemId/comments', validate('param', ItemParams), validate('json', CommentInput), async (c) => {
    const actor = requireActor(c)
    const posted = await service(c).post(actor, await item(c.var.db, c.req.valid('param').itemId), c.req.valid('json').body)
    return c.json(presentComment(posted), 201)
  })
  .patch('/:itemId/comments/:commentId', validate('param', CommentParams), validate('json', CommentInput), async (c) => {
    const actor = requireActor(c)
    const { itemId, commentId } = c.req.valid('param')
    await service(c).edit(actor, await item(c.var.db, itemId), commentId, c.req.valid('json').body)
    return c.body(null, 204)
  })
  .delete('/:itemId/comments/:commentId', validate('param', CommentParams), async (c) => {
    const actor = requireActor(c)
    const { itemId, commentId } = c.req.valid('param')
    await service(c).remove(actor, await item(c.var.db, itemId), commentId)
    return c.body(null, 204)
  })
  .post('/:itemId/input-request', validate('param', ItemParams), async (c) => {
    const actor = requireActor(c)
    const it = await item(c.var.db, c.req.valid('param').itemId)
    if (!canRequestInput(actor, it.hubId)) throw new ForbiddenError("only the hub's members may ask the cyber ambassadors for input")
    await service(c).requestInput(actor, it)
    return c.body(null, 204)
  })
  .post('/:itemId/resolve', validate('param', ItemParams), async (c) => {
    const actor = requireActor(c)
    const it = await item(c.var.db, c.req.valid('param').itemId)
    const s = service(c)
    if (!canResolveThread(actor, it.hubId, await s.requestedBy(it.id))) {
      throw new ForbiddenError("only the hub's coordinators or whoever asked for input may resolve the thread")
    }
    await s.resolve(actor, it)
    return c.body(null, 204)
  })

/** `/api/inbox`: mentions, replies and input requests of the signed-in user. */
export const inbox = new Hono<AppEnv>()
  .get('/', async (c) => c.json(presentInbox(await service(c).inbox(requireActor(c)))))
  .post('/read', validate('json', InboxReadInput), async (c) => {
    await service(c).markRead(requireActor(c), c.req.valid('json').ids)
    return c.body(null, 204)
  })

/**
 * `GET /api/events`: the signed-in user's live channel (Server-Sent Events): `thread` when a
 * thread they may read changed (the client refetches it), `inbox` with their unread count,
 * `brief` when a hub brief they may read changed status in a period (with HQ's note), `doc-thread`
 * when a comment thread anchored in a brief or note they may read changed.
 * The stream registry (comments/live-streams.ts) decides access per event and ends the stream
 * with its session or when the actor's access changes; at most 5 per session, the oldest ends.
 */
export const events = new Hono<AppEnv>().get('/', (c) => {
  const actor: Actor = requireActor(c)
  const sessionHash = c.var.sessionHash ?? `actor:${actor.id}`
  const s = service(c)
  return streamSSE(c, async (stream) => {
    const queue: { event: LiveEventName; data: string }[] = []
    let wake: (() => void) | null = null
    let ended = false
    const remove = s.streams.add({
      actor,
      sessionHash,
      push(event, data) {
        // A slow reader keeps only the latest count; thread events beyond a bound are dropped (the client refetches).
        if (event === 'inbox') {
          const i = queue.findIndex((q) => q.event === 'inbox')
          if (i >= 0) queue.splice(i, 1)
        } else if (queue.length >= 100) return
        queue.push({ event, data })
        wake?.()
      },
      end() {
        ended = true
        wake?.()
      },
    })
    stream.onAbort(() => {
      remove()
      wake?.()
    })
    try {
      await stream.writeSSE({ event: 'inbox', data: JSON.stringify({ unread: await s.unread(actor) }) })
      while (!stream.aborted && !ended) {
        if (queue.length === 0) {
          // A comment every 25 s keeps proxies from closing an idle stream.
          await Promise.race([new Promise<void>((r) => (wake = r)), stream.sleep(25_000)])
          wake = null
          if (queue.length === 0 && !stream.aborted && !ended) await stream.write(': keep-alive\n\n')
          continue
        }
        await stream.writeSSE(queue.shift()!)
      }
    } finally {
      remove()
    }
  })
})
