import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../db/schema.js'
import type { CollabServer, EditActor } from '../collab/collab-server.js'
import { logDocNameFor } from '../../shared/doc-names.js'
import { deleteItem, setEntryScope, type LogKind } from '../../shared/log-doc.js'
import { restoreEntry } from '../../shared/log-doc-history.js'
import type { Scope } from '../../shared/scopes.js'
import { NotFoundError } from '../errors.js'

/** The projected facts of the entry to move. */
export interface MovableItem {
  id: string
  hubId: string
  kind: LogKind
  entryId: string
  scope: Scope
}

/**
 * Moves a log entry to another sharing scope. Between `hq` and `network` it stays in the shared
 * log and only its `scope` key changes; to or from `hub` it moves between the hub's two log
 * documents, keeping its entry id (so its item id, thread and recorded author stay): copied into
 * the target first, then deleted from the source, each an ordinary server edit that every open
 * client sees live. Whoever loses access loses it with the deletion. The items row follows at
 * once so that every REST answer filters by the new scope before the projection runs.
 */
export async function moveEntryScope(db: Kysely<Database>, collab: CollabServer, item: MovableItem, to: Scope, actor: EditActor): Promise<void> {
  if (item.scope === to) return
  const fromDoc = logDocNameFor(item.hubId, item.scope)
  const toDoc = logDocNameFor(item.hubId, to)
  // The row first: while the documents change, REST must already answer for the narrower of the two.
  const narrower: Scope = item.scope === 'hub' || to === 'hub' ? 'hub' : to
  await db.updateTable('items').set({ scope: narrower }).where('id', '=', item.id).execute()
  if (fromDoc === toDoc) {
    await collab.editDoc(toDoc, actor, (doc) => {
      if (!setEntryScope(doc, item.entryId, to)) throw new NotFoundError('item')
    })
  } else {
    const source = new Y.Doc()
    try {
      Y.applyUpdate(source, await collab.currentState(fromDoc))
      await collab.editDoc(toDoc, actor, (doc) => {
        if (!restoreEntry(doc, source, item.kind, item.entryId)) throw new NotFoundError('item')
        setEntryScope(doc, item.entryId, to)
      })
    } finally {
      source.destroy()
    }
    await collab.editDoc(fromDoc, actor, (doc) => void deleteItem(doc, item.entryId))
  }
  await db.updateTable('items').set({ scope: to }).where('id', '=', item.id).execute()
}
