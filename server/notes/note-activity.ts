import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { touchNote } from '../db/note-repo.js'
import { parseDocName } from '../../shared/doc-names.js'
import type { CollabServer, PersistedEvent } from '../collab/collab-server.js'

/** A note's "last edited" moves at most this often: typing must not write the notes row per key. */
const TOUCH_EVERY_MS = 10_000

/**
 * Keeps each note's "last edited, by whom" (the notes list) following the edits stored for its
 * document. The last writer within a throttle window is the one recorded.
 */
export function followNoteActivity(collab: CollabServer, db: Kysely<Database>, logger: Logger): () => void {
  const pending = new Map<string, { hubId: string; noteId: string; userId: string | null }>()
  const timers = new Map<string, NodeJS.Timeout>()
  const flush = (doc: string) => {
    timers.delete(doc)
    const p = pending.get(doc)
    pending.delete(doc)
    if (p) touchNote(db, p.hubId, p.noteId, p.userId).catch((err) => logger.warn({ err: (err as Error).message, doc }, 'note activity not recorded'))
  }
  const onPersisted = ({ doc, userId }: PersistedEvent) => {
    const name = parseDocName(doc)
    if (name?.type !== 'note' || !userId) return
    const first = !timers.has(doc) && !pending.has(doc)
    pending.set(doc, { hubId: name.hubId, noteId: name.noteId, userId })
    if (first) flush(doc)
    if (!timers.has(doc)) {
      const t = setTimeout(() => flush(doc), TOUCH_EVERY_MS)
      t.unref()
      timers.set(doc, t)
    }
  }
  collab.events.on('persisted', onPersisted)
  return () => {
    collab.events.off('persisted', onPersisted)
    for (const [doc, t] of timers) {
      clearTimeout(t)
      flush(doc)
    }
  }
}
