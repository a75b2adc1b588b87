import * as Y from 'yjs'
import type { LogKind } from '../../shared/log-doc.js'
import { deleteItem } from '../../shared/log-doc.js'
import { replaceLogContent, snapshotLog, type LogSnapshot } from '../../shared/log-doc-history.js'

/** Stored states of a log document, read for history: as docs, as JSON, without some entries. */

export function splitKey(key: string): [LogKind, string] {
  const slash = key.indexOf('/')
  return [key.slice(0, slash) as LogKind, key.slice(slash + 1)]
}

/** A Y.Doc holding a stored state (the caller destroys it). */
export function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, new Uint8Array(state))
  return doc
}

/**
 * A log state without some entries, built afresh so that not even their ids remain in it: a
 * deletion (here, or the move itself in a later state) leaves the keys of deleted structs behind.
 */
export function withoutEntries(state: Uint8Array, ids: ReadonlySet<string>): Uint8Array {
  if (ids.size === 0) return state
  const source = docOf(state)
  const fresh = new Y.Doc()
  try {
    for (const id of ids) deleteItem(source, id)
    replaceLogContent(fresh, source)
    return Y.encodeStateAsUpdate(fresh)
  } finally {
    source.destroy()
    fresh.destroy()
  }
}

/** The log held by a state, as JSON. */
export function logSnapshotOf(state: Uint8Array): LogSnapshot {
  const doc = docOf(state)
  try {
    return snapshotLog(doc)
  } finally {
    doc.destroy()
  }
}
