import * as Y from 'yjs'
import { MENTION_TYPE } from '../../shared/editor/mention-node.js'

/** The longest excerpt an inbox line keeps of the passage around a mention. */
export const EXCERPT_MAX = 160

/**
 * The line of a Lexical collaboration document that holds a mention node, as plain text with each
 * mention as `@Name`: what the inbox shows of "what was said". Read from the Yjs structure (the
 * node's parent `XmlText` is its paragraph), no Lexical needed. Empty when the node is gone.
 * @param node the mention's Yjs id (`client:clock`)
 */
export function excerptAround(doc: Y.Doc, node: string, nameOf: (userId: string) => string | undefined): string {
  const [client, clock] = node.split(':').map(Number)
  const structs = doc.store.clients.get(client)
  if (!structs || clock >= Y.getState(doc.store, client)) return ''
  const item = structs[Y.findIndexSS(structs, clock)]
  if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentType)) return ''
  const line = item.parent
  if (!(line instanceof Y.XmlText)) return ''
  let text = ''
  for (const op of line.toDelta() as { insert: unknown }[]) {
    if (typeof op.insert === 'string') text += op.insert
    else if (op.insert instanceof Y.XmlElement && op.insert.getAttribute('__type') === MENTION_TYPE) {
      text += `@${nameOf(String(op.insert.getAttribute('__userId') ?? '')) ?? '…'}`
    }
    if (text.length > EXCERPT_MAX * 4) break
  }
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_MAX ? `${flat.slice(0, EXCERPT_MAX - 1)}…` : flat
}
