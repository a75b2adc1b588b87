import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app-env.js'
import { can } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { docResource, ensureDocExists } from '../db/doc-exists.js'
import type { HistoryService } from '../history/history-service.js'
import { parseDocName, type DocName } from '../../shared/doc-names.js'
import { DeletedEntryParams, DocParams, VersionParams } from '../../shared/schemas/history.js'
import { validate } from './validate.js'
import {
  presentDeletedEntry,
  presentEntryRestored,
  presentVersionDetail,
  presentVersionRestored,
  presentVersionSummary,
} from './present/history.js'
import { audit } from './audit-context.js'

/**
 * `/api/docs/:doc/…`: version history of a document, and deleted log entries.
 * `:doc` is the document name URL-encoded as one segment. Reading needs read access to the
 * document, restoring needs write (access.ts decides).
 */

/** 401 without a session, 404 for an unknown document, 403 without `needed` on it. */
async function openDoc(c: Context<AppEnv>, raw: string, needed: 'read' | 'write'): Promise<DocName> {
  const actor = requireActor(c)
  const doc = parseDocName(raw)
  if (!doc) throw new NotFoundError('document')
  await ensureDocExists(c.var.db, doc)
  if (!can(actor, await docResource(c.var.db, doc), needed)) {
    throw new ForbiddenError(needed === 'write' ? 'you may not change this document' : 'you may not read this document')
  }
  return doc
}

const history = (c: Context<AppEnv>): HistoryService => c.var.deps.services.history

function logOnly(doc: DocName): DocName {
  if (doc.type !== 'log') throw new NotFoundError('deleted entries of a document other than a log')
  return doc
}

/** `/api/docs`: versions, diffs, restores, deleted log entries. */
export const docs = new Hono<AppEnv>()
  .get('/:doc/versions', validate('param', DocParams), async (c) => {
    const doc = await openDoc(c, c.req.valid('param').doc, 'read')
    return c.json((await history(c).list(doc)).map(presentVersionSummary))
  })
  .get('/:doc/versions/:id', validate('param', VersionParams), async (c) => {
    const { doc: raw, id } = c.req.valid('param')
    const doc = await openDoc(c, raw, 'read')
    return c.json(presentVersionDetail(await history(c).get(doc, id)))
  })
  .get('/:doc/versions/:id/diff', validate('param', VersionParams), async (c) => {
    const { doc: raw, id } = c.req.valid('param')
    const doc = await openDoc(c, raw, 'read')
    return c.json(await history(c).diff(doc, id))
  })
  .post('/:doc/versions/:id/restore', validate('param', VersionParams), async (c) => {
    const { doc: raw, id } = c.req.valid('param')
    const actor = requireActor(c)
    const doc = await openDoc(c, raw, 'write')
    const result = await history(c).restore(doc, id, actor.id)
    c.var.deps.logger.info({ actorId: actor.id, doc: doc.name, versionId: id }, 'version restored')
    await audit(c, { action: 'doc.restored', target: { type: 'doc', id: doc.name }, hubId: doc.hubId, details: { versionId: id, ...result } })
    return c.json(presentVersionRestored(id, result))
  })
  .get('/:doc/deleted', validate('param', DocParams), async (c) => {
    const doc = logOnly(await openDoc(c, c.req.valid('param').doc, 'read'))
    return c.json((await history(c).deletedEntries(doc)).map(presentDeletedEntry))
  })
  .post('/:doc/deleted/:kind/:entryId/restore', validate('param', DeletedEntryParams), async (c) => {
    const { doc: raw, kind, entryId } = c.req.valid('param')
    const actor = requireActor(c)
    const doc = logOnly(await openDoc(c, raw, 'write'))
    const result = await history(c).restoreEntry(doc, kind, entryId, actor.id)
    c.var.deps.logger.info({ actorId: actor.id, doc: doc.name, kind, entryId }, 'log entry restored')
    await audit(c, { action: 'log_entry.restored', target: { type: kind, id: entryId }, hubId: doc.hubId, details: { doc: doc.name, ...result } })
    return c.json(presentEntryRestored(kind, entryId, result))
  })
