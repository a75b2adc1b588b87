import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { DocName } from '../../shared/doc-names.js'
import { NotFoundError } from '../errors.js'

/**
 * Whether a well-formed document name names a document that exists: its hub, and for a note its
 * metadata row. @throws NotFoundError
 */
export async function ensureDocExists(db: Kysely<Database>, doc: DocName): Promise<void> {
  const hub = await db.selectFrom('hubs').select('id').where('id', '=', doc.hubId).executeTakeFirst()
  if (!hub) throw new NotFoundError('document')
  if (doc.type !== 'note') return
  const note = await db
    .selectFrom('notes')
    .select('id')
    .where('id', '=', doc.noteId)
    .where('hub_id', '=', doc.hubId)
    .executeTakeFirst()
  if (!note) throw new NotFoundError('document')
}
