import * as Y from 'yjs'
import type { PlaceResolver } from './struct-places.js'

/**
 * What a client may write into a Lexical collaboration document (brief, notes): only node types
 * the product's editor registers. Lexical cannot read a node of a type it does not know (it
 * throws, and every reader of the document gets an empty page), so such an update never gets in.
 * Nodes are Y.XmlText (elements), Y.XmlElement (decorators) and Y.Map (text, line breaks) with
 * their type in a `__type` attribute or key; nested maps under other keys (`__state`) are no nodes.
 */

export type LexicalVerdict = { ok: true } | { field: string; reason: string }

const isNodeType = (t: unknown) => t instanceof Y.XmlText || t instanceof Y.XmlElement || t instanceof Y.Map

/**
 * @param fresh the update's items not yet in the document
 * @param registered the node types the editor registers
 */
export function checkLexicalUpdate(resolver: PlaceResolver, fresh: readonly Y.Item[], registered: ReadonlySet<string>): LexicalVerdict {
  const typed = new Set<string>()
  const nodes: Y.Item[] = []
  for (const item of fresh) {
    const place = resolver.placeOf(item)
    if (!place) continue
    if (place.key === '__type') {
      const value = item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined
      if (typeof value !== 'string' || !registered.has(value)) {
        return { field: '__type', reason: `node type ${JSON.stringify(String(value)).slice(0, 60)} is not part of the editor` }
      }
      if ('parent' in place) typed.add(`${place.parent.client}:${place.parent.clock}`)
      continue
    }
    // A node inserted as a child (a sequence position, not a map key) must say what it is.
    if (place.key === null && item.content instanceof Y.ContentType && isNodeType(item.content.type)) nodes.push(item)
  }
  for (const node of nodes) {
    if (!typed.has(`${node.id.client}:${node.id.clock}`)) return { field: '__type', reason: 'a node without a type' }
  }
  return { ok: true }
}
