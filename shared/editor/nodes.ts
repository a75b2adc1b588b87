import type { Klass, LexicalNode } from 'lexical'
import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { ListItemNode, ListNode } from '@lexical/list'
import { AutoLinkNode, LinkNode } from '@lexical/link'
import { MentionNode } from './mention-node.js'

/**
 * The Lexical node types of every collaborative text document. The browser editor and the
 * server's headless Lexical (projection, seeding, history) register exactly these, or the Yjs
 * binding cannot map the document's nodes.
 */
export const EDITOR_NODES: Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  MentionNode,
]
