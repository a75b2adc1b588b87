import type { Kysely } from 'kysely'
import type { Database } from './schema.js'
import { NotFoundError } from '../errors.js'
import { DEFAULT_SCOPE, type Scope } from '../../shared/scopes.js'

/** A note's metadata with the last editor's name. */
export interface NoteListRow {
  id: string
  hub_id: string
  title: string
  created_at: Date
  updated_at: Date
  updated_by: string | null
  updated_by_name: string | null
  scope: Scope
}

/** A hub's notes, most recently edited first, with the last editor's name. */
export async function listNotes(db: Kysely<Database>, hubId: string): Promise<NoteListRow[]> {
  return db
    .selectFrom('notes')
    .leftJoin('users', 'users.id', 'notes.updated_by')
    .select([
      'notes.id',
      'notes.hub_id',
      'notes.title',
      'notes.created_at',
      'notes.updated_at',
      'notes.updated_by',
      'notes.scope',
      'users.name as updated_by_name',
    ])
    .where('notes.hub_id', '=', hubId)
    .orderBy('notes.updated_at', 'desc')
    .execute()
}

/** Creates a note's metadata row (its content is the document `hub/<hubId>/notes/<id>`). */
export async function createNote(
  db: Kysely<Database>,
  note: { id: string; hubId: string; title: string; userId: string; scope?: Scope },
): Promise<void> {
  await db
    .insertInto('notes')
    .values({
      id: note.id,
      hub_id: note.hubId,
      title: note.title,
      created_by: note.userId,
      updated_at: new Date(),
      updated_by: note.userId,
      scope: note.scope ?? DEFAULT_SCOPE,
    })
    .execute()
}

/** Renames a note. @throws NotFoundError */
export async function renameNote(
  db: Kysely<Database>,
  hubId: string,
  noteId: string,
  title: string,
  userId: string,
): Promise<void> {
  const res = await db
    .updateTable('notes')
    .set({ title, updated_at: new Date(), updated_by: userId })
    .where('id', '=', noteId)
    .where('hub_id', '=', hubId)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('note')
}

/** A note's scope; null when the hub has no such note. */
export async function noteScope(db: Kysely<Database>, hubId: string, noteId: string): Promise<Scope | null> {
  const row = await db.selectFrom('notes').select('scope').where('id', '=', noteId).where('hub_id', '=', hubId).executeTakeFirst()
  return row?.scope ?? null
}

/** Changes who may read a note (and its projected text with it). @throws NotFoundError */
export async function setNoteScope(db: Kysely<Database>, hubId: string, noteId: string, scope: Scope): Promise<void> {
  const res = await db.updateTable('notes').set({ scope }).where('id', '=', noteId).where('hub_id', '=', hubId).executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('note')
  await db.updateTable('doc_text').set({ scope }).where('doc', '=', `hub/${hubId}/notes/${noteId}`).execute()
}

/**
 * Marks a note as edited now by a user (called when its document receives an update). Notes are
 * keyed by id alone, so the hub the document named must match: another hub's note is not touched.
 */
export async function touchNote(db: Kysely<Database>, hubId: string, noteId: string, userId: string | null) {
  await db
    .updateTable('notes')
    .set({ updated_at: new Date(), updated_by: userId })
    .where('id', '=', noteId)
    .where('hub_id', '=', hubId)
    .execute()
}
