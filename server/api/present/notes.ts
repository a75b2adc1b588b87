import { noteDocName } from '../../../shared/doc-names.js'
import type { NoteRefView, NoteView } from '../../../shared/schemas/hubs.js'
import type { NoteListRow } from '../../db/note-repo.js'
import { iso } from './iso.js'

/** A note's metadata row → the API's view; its document name is derived, never stored. */
export function presentNote(n: NoteListRow): NoteView {
  return {
    id: n.id,
    title: n.title,
    docName: noteDocName(n.hub_id, n.id),
    createdAt: iso(n.created_at),
    updatedAt: iso(n.updated_at),
    updatedBy: n.updated_by ? { id: n.updated_by, name: n.updated_by_name ?? '' } : null,
    scope: n.scope,
  }
}

/** What creating or renaming a note answers: where its content lives. */
export function presentNoteRef(hubId: string, noteId: string): NoteRefView {
  return { id: noteId, docName: noteDocName(hubId, noteId) }
}
