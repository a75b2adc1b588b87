import * as Y from 'yjs'
import { registeredNodeTypes } from './node-types.js'
import { scratchDoc } from './scratch-doc.js'

/**
 * Lexical cannot read a document holding a node of a type it does not register (it throws, and
 * the whole document reads as empty). The sync server refuses such nodes at the door; a document
 * stored before it did may still hold some. These helpers find and set them aside, so that what
 * is readable stays readable: for the projection, history previews and diffs, restores, and the
 * server's repair of a document as it opens.
 */

type Embed = Y.XmlText | Y.XmlElement | Y.Map<unknown>

function typeOf(node: Embed): unknown {
  return node instanceof Y.Map ? node.get('__type') : node.getAttribute('__type')
}

/** Every node below `parent` (depth first) whose type the editor does not know, with its parent and offset. */
function unreadable(parent: Y.XmlText, known: ReadonlySet<string>, found: { parent: Y.XmlText; index: number }[], depth = 0): void {
  if (depth > 64) return
  let index = 0
  for (const op of parent.toDelta() as { insert: string | Embed }[]) {
    const insert = op.insert
    if (typeof insert === 'string') {
      index += insert.length
      continue
    }
    const type = typeOf(insert)
    if (typeof type !== 'string' || !known.has(type)) found.push({ parent, index })
    else if (insert instanceof Y.XmlText) unreadable(insert, known, found, depth + 1)
    index += 1
  }
}

/** How many nodes of a Lexical collaboration document the editor cannot read (a scan, no change). */
export function countUnreadableNodes(doc: Y.Doc, known: ReadonlySet<string> = registeredNodeTypes()): number {
  if (!doc.share.has('root')) return 0
  const found: { parent: Y.XmlText; index: number }[] = []
  unreadable(doc.get('root', Y.XmlText) as Y.XmlText, known, found)
  return found.length
}

/**
 * Deletes the unreadable nodes of a Lexical collaboration document, as one transaction of `doc`.
 * @returns how many were removed
 */
export function removeUnreadableNodes(doc: Y.Doc, known: ReadonlySet<string> = registeredNodeTypes()): number {
  if (!doc.share.has('root')) return 0
  const found: { parent: Y.XmlText; index: number }[] = []
  unreadable(doc.get('root', Y.XmlText) as Y.XmlText, known, found)
  if (found.length === 0) return 0
  doc.transact(() => {
    // Last first: earlier offsets stay valid.
    for (const { parent, index } of found.reverse()) parent.delete(index, 1)
  })
  return found.length
}

/**
 * A document's state made readable: `repair` is the update that removes its unreadable nodes
 * (null when there are none) and `state` the state with it applied.
 */
export function readableState(update: Uint8Array): { state: Uint8Array; repair: Uint8Array | null; removed: number } {
  const doc = scratchDoc()
  try {
    Y.applyUpdate(doc, update)
    const changes: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => changes.push(u))
    const removed = removeUnreadableNodes(doc)
    if (removed === 0) return { state: update, repair: null, removed }
    return { state: Y.encodeStateAsUpdate(doc), repair: Y.mergeUpdates(changes), removed }
  } finally {
    doc.destroy()
  }
}
