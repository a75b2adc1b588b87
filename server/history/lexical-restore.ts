import * as Y from 'yjs'
import { bindHeadless } from '../editor/headless.js'

/**
 * Restoring a Lexical collaboration document (brief, note) as an ordinary edit. The version's
 * editor state is set on a headless editor bound to a copy of the live document, exactly as a
 * browser's CollaborationPlugin would sync a local change: the binding turns it into Yjs
 * operations on the live structure (deletes of what is there, inserts of the version's blocks),
 * so block types, lists and formatting survive and connected clients merge it like any peer's edit.
 */

/** Lexical applies Yjs changes to its state one microtask (or update cycle) later. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

/** The serialized Lexical editor state of a document given as one Yjs update. */
async function editorStateJson(update: Uint8Array): Promise<string> {
  const doc = new Y.Doc()
  const { editor, close } = bindHeadless(doc)
  try {
    Y.applyUpdate(doc, update)
    await settle()
    return JSON.stringify(editor.getEditorState().toJSON())
  } finally {
    close()
    doc.destroy()
  }
}

/**
 * The Yjs update that turns `current` into `target`'s content, to apply on top of `current`
 * (null when the content already matches).
 */
export async function lexicalRestoreUpdate(current: Uint8Array, target: Uint8Array): Promise<Uint8Array | null> {
  const wanted = await editorStateJson(target)
  const doc = new Y.Doc()
  const { editor, close } = bindHeadless(doc)
  try {
    Y.applyUpdate(doc, current)
    await settle()
    if (JSON.stringify(editor.getEditorState().toJSON()) === wanted) return null
    const before = Y.encodeStateVector(doc)
    editor.setEditorState(editor.parseEditorState(wanted))
    await settle()
    return Y.encodeStateAsUpdate(doc, before)
  } finally {
    close()
    doc.destroy()
  }
}
