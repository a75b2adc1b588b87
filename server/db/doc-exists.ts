import type { Kysely } from 'kysely'
import type { Database } from './schema.js'
import type { DocName } from '../../shared/doc-names.js'
import { NotFoundError } from '../errors.js'
import type { Scope } from '../../shared/scopes.js'

/**
 * Whether a well-formed document name names a document that exists: its hub, and for a note its
 * metadata row (a note document without one is listed nowhere). Brief and log exist with their hub.
 */
export async function docExists(db: Kysely<Database>, doc: DocName): Promise<boolean> {
  const hub = await db.selectFrom('hubs').select('id').where('id', '=', doc.hubId).executeTakeFirst()
  if (!hub) return false
  if (doc.type !== 'note') return true
  const note = await db
    .selectFrom('notes')
    .select('id')
    .where('id', '=', doc.noteId)
    .where('hub_id', '=', doc.hubId)
    .executeTakeFirst()
  return !!note
}

/** `docExists`, as a guard. @throws NotFoundError('document') */
export async function ensureDocExists(db: Kysely<Database>, doc: DocName): Promise<void> {
  if (!(await docExists(db, doc))) throw new NotFoundError('document')
}

/**
 * The access facts of a document: a note's scope is its row's (a note without a row is judged as
 * the default, which only its hub's staff can write anyway). The hub-only log's is in its name.
 */
export async function docResource(db: Kysely<Database>, doc: DocName): Promise<{ kind: 'doc'; doc: DocName; scope?: Scope }> {
  if (doc.type !== 'note') return { kind: 'doc', doc }
  const row = await db.selectFrom('notes').select('scope').where('id', '=', doc.noteId).where('hub_id', '=', doc.hubId).executeTakeFirst()
  return { kind: 'doc', doc, scope: row?.scope }
}

/**
 * `docResource` and `docExists` in one query (the sync door asks both at every upgrade: they
 * were three round trips, hub, note, note again, per socket opened).
 */
export async function docFacts(db: Kysely<Database>, doc: DocName): Promise<{ exists: boolean; resource: { kind: 'doc'; doc: DocName; scope?: Scope } }> {
  if (doc.type !== 'note') return { exists: await docExists(db, doc), resource: { kind: 'doc', doc } }
  const row = await db
    .selectFrom('hubs')
    .leftJoin('notes', (join) => join.onRef('notes.hub_id', '=', 'hubs.id').on('notes.id', '=', doc.noteId))
    .select(['notes.id as note_id', 'notes.scope'])
    .where('hubs.id', '=', doc.hubId)
    .executeTakeFirst()
  // No hub: no note either (a note row always has its hub); judged as the default scope, as docResource does.
  return { exists: !!row?.note_id, resource: { kind: 'doc', doc, scope: row?.scope ?? undefined } }
}
