import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { compactDoc, compactState } from '../db/update-store.js'
import { runHeavy } from '../cpu/cpu-pool.js'
import { CpuLimits } from '../cpu/cpu-limits.js'
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
  compactDoc(db, room.name, mergeOffThread)
    .then(({ merged, mergedBytes, snapshotBytes }) => {
      if (merged === 0) return
      room.tailCount = Math.max(0, room.tailCount - merged)
      room.tailBytes = Math.max(0, room.tailBytes - mergedBytes)
      room.storedBytes = snapshotBytes
      logger.debug({ doc: room.name, merged }, 'compacted')
    })
    .catch((err) => logger.warn({ err: (err as Error).message, doc: room.name }, 'compaction failed; will retry'))
    .finally(() => {
      room.compacting = false
    })
}

/** A long document's merge (O(document), ~150 ms at 20,000 words) runs on the worker thread, not on the event loop. */
function mergeOffThread(parts: Uint8Array[]): Uint8Array | Promise<Uint8Array> {
  const bytes = parts.reduce((n, p) => n + p.byteLength, 0)
  return bytes > CpuLimits.docOnWorkerBytes ? runHeavy('compactState', parts) : compactState(parts)
}
