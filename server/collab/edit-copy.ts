import * as Y from 'yjs'
import { settle } from '../editor/headless.js'
import { countUnreadableNodes, removeUnreadableNodes } from '../editor/readable.js'
import { parseDocName } from '../../shared/doc-names.js'
import type { Room } from './room.js'
import { scratchDoc } from '../editor/scratch-doc.js'

/**
 * The server's own edits, computed on a copy of a room's document: what `edit` changed, as one
 * update for the write path (null when nothing changed). Lexical bindings on the copy may write
 * one tick after their update, so the copy is settled before its changes are taken.
 */
export async function editOnCopy(room: Room, edit: (doc: Y.Doc) => void | Promise<void>): Promise<Uint8Array | null> {
  const copy = scratchDoc()
  const changes: Uint8Array[] = []
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc))
    copy.on('update', (u: Uint8Array) => changes.push(u))
    await edit(copy)
    await settle()
  } finally {
    copy.destroy()
  }
  return changes.length === 0 ? null : Y.mergeUpdates(changes)
}

/**
 * Whether a room's Lexical document holds nodes the editor cannot read (stored before the door
 * checked node types): such a node blanks the document for every reader.
 */
export function needsReadableRepair(room: Room): boolean {
  const doc = parseDocName(room.name)
  return !!doc && doc.type !== 'log' && countUnreadableNodes(room.doc) > 0
}

/** The edit that sets a room's unreadable nodes aside. */
export function readableRepair(room: Room): Promise<Uint8Array | null> {
  return editOnCopy(room, (doc) => void removeUnreadableNodes(doc))
}
