import * as Y from 'yjs'
import type { LogKind } from '../../shared/log-doc.js'
import { replaceLogContent, restoreEntry } from '../../shared/log-doc-history.js'

/**
 * Restoring the log document as ordinary edits, computed on a copy of the live state through the
 * shared log helpers (the only code touching the log maps). The result is an update to apply on
 * top of `current`, or null when nothing needs to change.
 */

function editsOf(current: Uint8Array, edit: (doc: Y.Doc) => void): Uint8Array | null {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, current)
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    edit(doc)
    return updates.length === 0 ? null : Y.mergeUpdates(updates)
  } finally {
    doc.destroy()
  }
}

function withDoc<T>(state: Uint8Array, use: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return use(doc)
  } finally {
    doc.destroy()
  }
}

/** The update that makes the log hold exactly the entries of `target`. */
export function logRestoreUpdate(current: Uint8Array, target: Uint8Array): Uint8Array | null {
  return withDoc(target, (from) => editsOf(current, (doc) => replaceLogContent(doc, from)))
}

/** The update that brings back one entry from `source`, touching nothing else. */
export function logEntryRestoreUpdate(current: Uint8Array, source: Uint8Array, kind: LogKind, id: string): Uint8Array | null {
  return withDoc(source, (from) => editsOf(current, (doc) => void restoreEntry(doc, from, kind, id)))
}
