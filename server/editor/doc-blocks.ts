import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text'
import { $isListNode, type ListNode } from '@lexical/list'
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical'
import * as Y from 'yjs'
import { bindHeadless, settle } from './headless.js'
import { readableState } from './readable.js'
import { scratchDoc } from './scratch-doc.js'

/** A block of a document as exports show it: headings, paragraphs, quotes and list items keep their kind. */
export interface DocBlock {
  type: 'h1' | 'h2' | 'h3' | 'p' | 'quote' | 'bullet' | 'number'
  text: string
  /** List nesting, 0 at the top (list items only). */
  level?: number
}

/** The blocks of a Lexical collaboration document (headless Lexical; no DOM). */
export async function lexicalDocToBlocks(update: Uint8Array): Promise<DocBlock[]> {
  const doc = scratchDoc()
  const { editor, close } = bindHeadless(doc)
  try {
    Y.applyUpdate(doc, readableState(update).state)
    await settle()
    return editor.getEditorState().read(() => {
      const out: DocBlock[] = []
      const list = (node: ListNode, level: number) => {
        const type = node.getListType() === 'number' ? 'number' : 'bullet'
        for (const item of node.getChildren()) {
          if (!$isElementNode(item)) continue
          // A nested list lives inside an item of its own.
          const nested = item.getChildren().filter($isListNode)
          const text = item.getChildren().filter((c) => !$isListNode(c)).map((c) => c.getTextContent()).join('').trim()
          if (text) out.push({ type, text, level })
          for (const n of nested) list(n, level + 1)
        }
      }
      for (const node of $getRoot().getChildren() as LexicalNode[]) {
        if ($isListNode(node)) list(node, 0)
        else {
          const text = node.getTextContent().trim()
          if (!text) continue
          if ($isHeadingNode(node)) {
            const tag = node.getTag()
            out.push({ type: tag === 'h1' ? 'h1' : tag === 'h2' ? 'h2' : 'h3', text })
          } else out.push({ type: $isQuoteNode(node) ? 'quote' : 'p', text })
        }
      }
      return out
    })
  } finally {
    close()
    doc.destroy()
  }
}

/**
 * The start of a document, whole blocks up to about `maxChars` characters (a report quotes a
 * brief, it does not reprint it); the last block cut at a word with an ellipsis.
 */
export function firstBlocks(blocks: DocBlock[], maxChars: number): DocBlock[] {
  const out: DocBlock[] = []
  let used = 0
  for (const b of blocks) {
    if (used >= maxChars) break
    const room = maxChars - used
    out.push(b.text.length > room ? { ...b, text: b.text.slice(0, room).replace(/\s\S*$/, '') + ' …' } : b)
    used += b.text.length
  }
  return out
}
