import type { Kysely } from 'kysely'
import type * as Y from 'yjs'
import type { Database } from './schema.js'

/**
 * A document as the sync server of this process holds it: its Y.Doc, which only ever holds
 * stored content (persist before relay), and the last seq applied to it. Read it synchronously
 * and never change it: it is the live room's own document.
 */
export interface LiveDoc {
  doc: Y.Doc
  uptoSeq: number
}

/**
 * The documents this process holds open, for readers of stored state on the same database handle
 * (the projection): reading the open room costs no round trip and no merge of the stored tail.
 * Keyed by the `Kysely` instance the sync server and its readers share, so that several servers
 * in one process (tests, the scale-out suite) each see only their own rooms.
 */
export class LiveDocs {
  private reader: ((docName: string) => LiveDoc | null) | null = null
  private readonly listeners = new Set<(docName: string) => void>()

  /** The sync server offers its rooms; the returned function withdraws them (it is closing). */
  provide(reader: (docName: string) => LiveDoc | null): () => void {
    this.reader = reader
    return () => {
      if (this.reader === reader) this.reader = null
    }
  }

  /** A document's open room, or null when it is not open in this process. */
  read(docName: string): LiveDoc | null {
    return this.reader?.(docName) ?? null
  }

  /**
   * The sync server applied updates another process stored (NOTIFY, resync): an earlier read
   * of the room may have lacked them although its seq was past theirs (seqs are taken at insert,
   * not at commit), so readers that used the room read it again.
   */
  remoteApplied(docName: string): void {
    for (const listener of this.listeners) listener(docName)
  }

  /** Follows `remoteApplied`; returns the unsubscribe. */
  onRemoteApplied(listener: (docName: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

const byDb = new WeakMap<Kysely<Database>, LiveDocs>()

/** The live documents of a database handle (created on first use by either side). */
export function liveDocsOf(db: Kysely<Database>): LiveDocs {
  let live = byDb.get(db)
  if (!live) byDb.set(db, (live = new LiveDocs()))
  return live
}
