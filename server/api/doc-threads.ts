import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.js'
import { canCommentOnDoc } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { docResource, ensureDocExists } from '../db/doc-exists.js'
import { parseDocName } from '../../shared/doc-names.js'
import { DocParams } from '../../shared/schemas/history.js'
import { CommentInput } from '../../shared/schemas/comments.js'
import { DocThreadInput, DocThreadParams, MentionPeopleQuery } from '../../shared/schemas/doc-threads.js'
import type { CommentedDoc, DocThreadService } from '../comments/doc-thread-service.js'
import { validate } from './validate.js'
import { presentDocComment, presentDocThread } from './present/doc-threads.js'

const service = (c: Context<AppEnv>): DocThreadService => c.var.deps.services.comments.docThreads

/**
 * The document whose comments are asked for: 401 without a session, 404 for an unknown document
 * or a log (no anchored comments there), 403 for whoever may not read it (shared/access.ts).
 */
async function commentedDoc(c: Context<AppEnv>, raw: string): Promise<CommentedDoc> {
  const actor = requireActor(c)
  const doc = parseDocName(raw)
  if (!doc || doc.type === 'log') throw new NotFoundError('document')
  await ensureDocExists(c.var.db, doc)
  const { scope } = await docResource(c.var.db, doc)
  if (!canCommentOnDoc(actor, doc, scope)) throw new ForbiddenError('you may not read the comments of this document')
  return { doc, scope }
}

/** `/api/docs/:doc/threads…`: comments anchored to passages of a brief or a note. */
export const docThreads = new Hono<AppEnv>()
  .get('/:doc/threads', validate('param', DocParams), async (c) => {
    const target = await commentedDoc(c, c.req.valid('param').doc)
    return c.json((await service(c).list(c.var.actor!, target)).map(presentDocThread))
  })
  .get('/:doc/people', validate('param', DocParams), validate('query', MentionPeopleQuery), async (c) => {
    const target = await commentedDoc(c, c.req.valid('param').doc)
    const { q, ids } = c.req.valid('query')
    return c.json(await service(c).people(c.var.actor!, target, q, ids?.split(',').filter(Boolean)))
  })
  .post('/:doc/threads', validate('param', DocParams), validate('json', DocThreadInput), async (c) => {
    const target = await commentedDoc(c, c.req.valid('param').doc)
    return c.json(presentDocThread(await service(c).create(c.var.actor!, target, c.req.valid('json'))), 201)
  })
  .post('/:doc/threads/:threadId/comments', validate('param', DocThreadParams), validate('json', CommentInput), async (c) => {
    const { doc, threadId } = c.req.valid('param')
    const target = await commentedDoc(c, doc)
    return c.json(presentDocComment(await service(c).reply(c.var.actor!, target, threadId, c.req.valid('json').body)), 201)
  })
  .post('/:doc/threads/:threadId/resolve', validate('param', DocThreadParams), async (c) => {
    const { doc, threadId } = c.req.valid('param')
    const target = await commentedDoc(c, doc)
    return c.json(presentDocThread(await service(c).setResolved(c.var.actor!, target, threadId, true)))
  })
  .post('/:doc/threads/:threadId/reopen', validate('param', DocThreadParams), async (c) => {
    const { doc, threadId } = c.req.valid('param')
    const target = await commentedDoc(c, doc)
    return c.json(presentDocThread(await service(c).setResolved(c.var.actor!, target, threadId, false)))
  })
