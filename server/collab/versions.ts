import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../db/schema.js'
import { insertVersion, latestVersionState } from '../db/update-store.js'
import type { Logger } from '../logger.js'
import type { Room } from './room.js'
import { scratchDoc } from '../editor/scratch-doc.js'

/**
 * Restorable versions of open documents: at least once per interval while a room is edited, and
 * when its last client leaves, it unloads or the server stops; each only when the content differs
 * from the newest stored version (a visit without edits, or edits undone, store nothing).
 */
export class Versions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Starts a room's periodic versions. */
  startTimer(room: Room): void {
    // Rooms opened together (a reconnect wave, a load test) must not all snapshot in the same
    // instant: the first periodic version comes at a random point of the interval.
    room.versionTimer = setTimeout(() => {
      void this.save(room, 'periodic')
      room.versionTimer = setInterval(() => void this.save(room, 'periodic'), this.intervalMs)
      room.versionTimer.unref()
    }, Math.random() * this.intervalMs)
    room.versionTimer.unref()
  }

  /** Writes a version if the room changed since the last one; a failure is logged and retried later. */
  async save(room: Room, reason: string): Promise<number | null> {
    if (!room.dirtySinceVersion) return null
    try {
      // The dirty flag says an update arrived, not that the content differs: compare the state.
      // Compared as clocks and deletions (a snapshot), not bytes: the same content may encode differently.
      if (room.lastVersion === undefined) room.lastVersion = snapshotOf(await latestVersionState(this.db, room.name))
      if (room.lastVersion && Y.equalSnapshots(room.lastVersion, Y.snapshot(room.doc))) {
        room.dirtySinceVersion = false
        room.editorsSinceVersion.clear()
        return null
      }
      return await this.write(room, reason)
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, doc: room.name }, 'version not saved; will retry')
      return null
    }
  }

  /** Stores the room's state as a version now, changed or not; on failure the room stays marked as changed. */
  async write(room: Room, reason: string): Promise<number> {
    const editors = [...room.editorsSinceVersion]
    room.dirtySinceVersion = false
    room.editorsSinceVersion.clear()
    try {
      const state = Y.encodeStateAsUpdate(room.doc)
      const id = await insertVersion(this.db, { doc: room.name, uptoSeq: room.lastSeq, state, editors, reason })
      room.lastVersion = Y.snapshot(room.doc)
      return id
    } catch (err) {
      room.dirtySinceVersion = true
      for (const e of editors) room.editorsSinceVersion.add(e)
      throw err
    }
  }
}

function snapshotOf(state: Uint8Array | null): Y.Snapshot | null {
  if (!state) return null
  const doc = scratchDoc()
  Y.applyUpdate(doc, state)
  const snap = Y.snapshot(doc)
  doc.destroy()
  return snap
}
