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
import { z } from 'zod'
import { runHeavy } from '../cpu/cpu-pool.js'
import { readDocParts } from '../db/update-store.js'
import {
  presentDeletedEntry,
  presentEntryRestored,
  presentVersionDetail,
  presentVersionRestored,
  presentVersionSummary,
} from './present/history.js'
import { everyonesNames } from '../mentions/mention-names.js'
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

const ExportQuery = z.object({ format: z.enum(['pdf', 'docx']) })
const EXPORT_TYPES = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const

/** The title and the line under it of an exported brief or note. */
async function exportTitles(c: Context<AppEnv>, doc: DocName): Promise<{ title: string; subtitle: string; file: string }> {
  const hub = await c.var.db.selectFrom('hubs').select(['name', 'country_name']).where('id', '=', doc.hubId).executeTakeFirst()
  const where = hub ? `${hub.country_name} — ${hub.name}` : doc.hubId
  const at = new Date().toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  if (doc.type === 'note') {
    const note = await c.var.db.selectFrom('notes').select('title').where('hub_id', '=', doc.hubId).where('id', '=', doc.noteId).executeTakeFirst()
    return { title: note?.title || 'Untitled note', subtitle: `Note of ${where} · exported ${at} UTC`, file: `note-${doc.hubId}-${doc.noteId}` }
  }
  return { title: `Hub brief: ${where}`, subtitle: `Living brief · exported ${at} UTC`, file: `brief-${doc.hubId}` }
}

/** `/api/docs`: versions, diffs, restores, deleted log entries, exports. */
export const docs = new Hono<AppEnv>()
  .get('/:doc/export', validate('param', DocParams), validate('query', ExportQuery), async (c) => {
    const doc = await openDoc(c, c.req.valid('param').doc, 'read')
    if (doc.type !== 'brief' && doc.type !== 'note') throw new NotFoundError('an export of a document other than a brief or a note')
    const { format } = c.req.valid('query')
    const { title, subtitle, file } = await exportTitles(c, doc)
    // Merging the stored parts, headless Lexical and the PDF or DOCX layout take CPU: on the worker thread.
    const parts = await readDocParts(c.var.db, doc.name)
    const body = await runHeavy('docExport', { parts, title, subtitle, format, names: await everyonesNames(c.var.db) })
    await audit(c, { action: 'doc.exported', target: { type: 'doc', id: doc.name }, hubId: doc.hubId, details: { format } })
    c.header('content-type', EXPORT_TYPES[format])
    c.header('content-disposition', `attachment; filename="${file.replace(/[^A-Za-z0-9._-]/g, '_')}.${format}"`)
    c.header('cache-control', 'no-store')
    return c.body(new Uint8Array(body))
  })
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
