import * as Y from 'yjs'
import { $getRoot, $parseSerializedNode, type SerializedEditorState, type SerializedLexicalNode } from 'lexical'
import { bindHeadless, settle } from '../editor/headless.js'
import { readableState } from '../editor/readable.js'

/**
 * Restoring a Lexical collaboration document (brief, note) as an ordinary edit. The version's
 * blocks are put into a headless editor bound to a copy of the live document, exactly as a
 * browser's CollaborationPlugin syncs a local change: the binding turns it into Yjs operations on
 * the live structure, so block types, lists and formatting survive and connected clients merge it
 * like any peer's edit. Only the blocks between the first and the last that differ are replaced:
 * blocks that already match are not touched, so someone typing in them meanwhile loses nothing.
 */

/** The serialized Lexical editor state of a document given as one Yjs update. */
async function editorStateOf(update: Uint8Array): Promise<SerializedEditorState> {
  const doc = new Y.Doc()
  const { editor, close } = bindHeadless(doc)
  try {
    Y.applyUpdate(doc, readableState(update).state)
    await settle()
    return editor.getEditorState().toJSON()
  } finally {
    close()
    doc.destroy()
  }
}

/** Lengths of the common prefix and suffix of two lists (not overlapping). */
function commonEnds(a: string[], b: string[]): { prefix: number; suffix: number } {
  let prefix = 0
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  let suffix = 0
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++
  return { prefix, suffix }
}

/**
 * The Yjs update that turns `current` into `target`'s content, to apply on top of `current`
 * (null when the content already matches).
 */
export async function lexicalRestoreUpdate(current: Uint8Array, target: Uint8Array): Promise<Uint8Array | null> {
  const wanted = (await editorStateOf(target)).root.children as SerializedLexicalNode[]
  // A live document holding nodes the editor cannot read is repaired by the same restore.
  const { state, repair } = readableState(current)
  const doc = new Y.Doc()
  const { editor, close } = bindHeadless(doc)
  try {
    Y.applyUpdate(doc, state)
    await settle()
    const have = editor.getEditorState().toJSON().root.children as SerializedLexicalNode[]
    const a = have.map((n) => JSON.stringify(n))
    const b = wanted.map((n) => JSON.stringify(n))
    if (a.length === b.length && a.every((s, i) => s === b[i])) return repair
    const { prefix, suffix } = commonEnds(a, b)
    const updates: Uint8Array[] = []
    const onUpdate = (u: Uint8Array) => updates.push(u)
    doc.on('update', onUpdate)
    editor.update(
      () => {
        const root = $getRoot()
        const children = root.getChildren()
        for (const node of children.slice(prefix, children.length - suffix)) node.remove()
        const fresh = wanted.slice(prefix, wanted.length - suffix).map((n) => $parseSerializedNode(n))
        const anchor = prefix > 0 ? children[prefix - 1] : null
        if (anchor) {
          let last = anchor
          for (const node of fresh) last = last.insertAfter(node)
        } else if (root.getFirstChild()) {
          let first = root.getFirstChild()!
          for (const node of fresh.reverse()) first = first.insertBefore(node)
        } else {
          root.append(...fresh)
        }
      },
      { discrete: true },
    )
    await settle()
    doc.off('update', onUpdate)
    if (repair) updates.unshift(repair)
    return updates.length === 0 ? null : Y.mergeUpdates(updates)
  } finally {
    close()
    doc.destroy()
  }
}

/**
 * Edits `doc` (a copy of the live document, as `collab.editDoc` hands it) so that its content is
 * `target`'s. The edit is computed by a headless editor bound to its own copy (a binding only
 * follows changes made after it is bound) and applied to `doc` as one update.
 */
export async function restoreLexicalContent(doc: Y.Doc, target: Uint8Array): Promise<void> {
  const update = await lexicalRestoreUpdate(Y.encodeStateAsUpdate(doc), target)
  if (update) Y.applyUpdate(doc, update)
}
