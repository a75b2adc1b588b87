import * as Y from 'yjs'
import type { LogKind } from '../../shared/log-doc.js'
import { replaceLogContent, restoreEntry } from '../../shared/log-doc-history.js'

/**
 * Restoring the log document as ordinary edits of `doc` (a copy of the live document, as
 * `collab.editDoc` hands it), through the shared log helpers (the only code touching the log maps).
 */

function withDoc<T>(state: Uint8Array, use: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return use(doc)
  } finally {
    doc.destroy()
  }
}

/** Makes the log `doc` hold exactly the entries of `target`. */
export function restoreLogContent(doc: Y.Doc, target: Uint8Array): void {
  withDoc(target, (from) => replaceLogContent(doc, from))
}

/** Brings back one entry from `source` into `doc`, touching nothing else. */
export function restoreLogEntry(doc: Y.Doc, source: Uint8Array, kind: LogKind, id: string): void {
  withDoc(source, (from) => void restoreEntry(doc, from, kind, id))
}
