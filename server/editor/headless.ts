import { createHeadlessEditor } from '@lexical/headless'
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { $createListItemNode, $createListNode } from '@lexical/list'
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical'
import * as Y from 'yjs'
import { EDITOR_NODES } from '../../shared/editor/nodes.js'
import { readableState } from './readable.js'
import { scratchDoc } from './scratch-doc.js'

export { registeredNodeTypes } from './node-types.js'

/**
 * Headless Lexical over a Lexical collaboration Y document (root `XmlText` named `root`, as the
 * browser's CollaborationPlugin makes it): plain text for the projection and history, and building
 * documents for the seed. Runs in plain Node, no DOM.
 */

/** A block of a document the seed builds. */
export interface Block {
  type: 'h1' | 'h2' | 'p' | 'quote' | 'bullet'
  text: string
}

function nullProvider(): Provider {
  const awareness = {
    getLocalState: () => null,
    getStates: () => new Map(),
    off: () => {},
    on: () => {},
    setLocalState: () => {},
    setLocalStateField: () => {},
  }
  return {
    awareness,
    connect: () => {},
    disconnect: () => {},
    off: () => {},
    on: () => {},
  } as unknown as Provider
}

/** A headless Lexical editor bound both ways to a Lexical collaboration Y.Doc. */
export interface HeadlessBinding {
  editor: LexicalEditor
  /** Detaches the editor from the document (the document stays usable). */
  close: () => void
}

/**
 * Binds a headless editor to `doc` as the browser's CollaborationPlugin does: Yjs changes from
 * others flow into the editor state, and editor updates flow into the document.
 */
export function bindHeadless(doc: Y.Doc): HeadlessBinding {
  const editor = createHeadlessEditor({
    namespace: 'hubwork',
    nodes: EDITOR_NODES,
    onError: (err) => {
      throw err
    },
  })
  const provider = nullProvider()
  const binding = createBinding(editor, provider, 'doc', doc, new Map([['doc', doc]]))
  const shared = binding.root.getSharedType()
  const onYjs = (events: Y.YEvent<Y.XmlText>[], tx: Y.Transaction) => {
    if (tx.origin !== binding) syncYjsChangesToLexical(binding, provider, events, false)
  }
  shared.observeDeep(onYjs as never)
  const unregister = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags)
    },
  )
  return {
    editor,
    close: () => {
      unregister()
      shared.unobserveDeep(onYjs as never)
    },
  }
}

/**
 * Waits until a headless binding has caught up: Lexical applies Yjs changes to its state (and
 * writes its own updates to Yjs) one microtask or update cycle later.
 */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Plain text of a Lexical collaboration document given as one Yjs update; blocks separated by newlines. */
export async function lexicalDocToText(update: Uint8Array): Promise<string> {
  const doc = scratchDoc()
  const { editor, close } = bindHeadless(doc)
  try {
    Y.applyUpdate(doc, readableState(update).state)
    await settle()
    return editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .map((n) => n.getTextContent())
        .join('\n')
        // Lists join their items with blank lines; one line per item reads better in snippets.
        .replace(/\n{2,}/g, '\n'),
    )
  } finally {
    close()
    doc.destroy()
  }
}

/** Builds a Lexical collaboration document holding `blocks`; returns it as one Yjs update. */
export async function buildLexicalDoc(blocks: Block[]): Promise<Uint8Array> {
  const doc = scratchDoc()
  const { editor, close } = bindHeadless(doc)
  try {
    editor.update(
      () => {
        const root = $getRoot()
        let list: ReturnType<typeof $createListNode> | null = null
        for (const block of blocks) {
          const text = $createTextNode(block.text)
          if (block.type === 'bullet') {
            if (!list) {
              list = $createListNode('bullet')
              root.append(list)
            }
            list.append($createListItemNode().append(text))
            continue
          }
          list = null
          const node =
            block.type === 'h1' || block.type === 'h2'
              ? $createHeadingNode(block.type)
              : block.type === 'quote'
                ? $createQuoteNode()
                : $createParagraphNode()
          root.append(node.append(text))
        }
      },
      { discrete: true },
    )
    await settle()
    return Y.encodeStateAsUpdate(doc)
  } finally {
    close()
    doc.destroy()
  }
}
