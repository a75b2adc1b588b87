import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../db/schema.js'
import { compactDoc } from '../db/update-store.js'
import type { Logger } from '../logger.js'
import type { Room } from './room.js'

/** When a document's tail of stored updates counts as long enough to merge into its snapshot. */
export interface CompactionBound {
  updates: number
  bytes: number
}

/**
 * Merges a room's tail of updates into a new snapshot once it passes the bound, one compaction per
 * room at a time; a failure leaves the tail as it is and the next commit tries again.
 */
export function maybeCompact(db: Kysely<Database>, logger: Logger, room: Room, bound: CompactionBound): void {
  if (room.compacting || (room.tailCount < bound.updates && room.tailBytes < bound.bytes)) return
  room.compacting = true
  compactDoc(db, room.name)
    .then((merged) => {
      room.tailCount = Math.max(0, room.tailCount - merged)
      room.storedBytes = Y.encodeStateAsUpdate(room.doc).byteLength
      room.tailBytes = 0
      logger.debug({ doc: room.name, merged }, 'compacted')
    })
    .catch((err) => logger.warn({ err: (err as Error).message, doc: room.name }, 'compaction failed; will retry'))
    .finally(() => {
      room.compacting = false
    })
}
