import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin'
import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  HEADING,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  UNORDERED_LIST,
  type Transformer,
} from '@lexical/markdown'

/**
 * Markdown as you type (`## ` a heading, `- ` a list, `> ` a quote, `**bold**`, `[text](url)`).
 * Only transformers whose nodes are in shared/editor/nodes.ts: the server refuses any other node
 * type at the door (server/collab/meaning/lexical-rules.ts), so code blocks, checklists and rules
 * are left out rather than registered in one place and refused in the other.
 */
const TRANSFORMERS: Transformer[] = [HEADING, QUOTE, UNORDERED_LIST, ORDERED_LIST, BOLD_ITALIC_STAR, BOLD_ITALIC_UNDERSCORE, BOLD_STAR, BOLD_UNDERSCORE, ITALIC_STAR, ITALIC_UNDERSCORE, LINK]

export function MarkdownShortcuts() {
  return <MarkdownShortcutPlugin transformers={TRANSFORMERS} />
}
