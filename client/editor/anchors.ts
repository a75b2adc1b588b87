import * as Y from 'yjs'
import { $getNearestNodeFromDOMNode, $isTextNode, type LexicalEditor } from 'lexical'

/**
 * Passages of a collaborative Lexical document as Yjs relative positions, and back to DOM ranges.
 *
 * The @lexical/yjs binding (v1) keeps each element node as a `Y.XmlText`; inside it, each text
 * node is an embedded map followed by its characters. The binding hangs its collab node on each
 * shared type (`_collabNode`, as its cursor sync does): that is how a Lexical text node and offset
 * become a Yjs type and index, and an absolute Yjs position becomes a Lexical node again.
 * A passage is anchored by its first character (assoc 0: text typed before it stays out) and its
 * last (assoc -1: text typed after it stays out), so it follows its own characters while others edit.
 * Nothing here writes to the document.
 */

/** What this module reads of @lexical/yjs's collab nodes (internal to the binding, stable since 0.12). */
interface CollabNode {
  _key: string
  _parent?: CollabNode | null
  getSize(): number
  getOffset(): number
  /** Text nodes. */
  _text?: string
  /** Element nodes. */
  _children?: CollabNode[]
  _xmlText?: Y.XmlText
}

const collabOf = (type: unknown): CollabNode | undefined => (type as { _collabNode?: CollabNode } | null)?._collabNode
const isText = (n: CollabNode) => typeof n._text === 'string'
const isElement = (n: CollabNode) => Array.isArray(n._children) && n._xmlText instanceof Y.XmlText

function findByKey(node: CollabNode, key: string): CollabNode | null {
  if (node._key === key) return node
  for (const child of node._children ?? []) {
    const found = findByKey(child, key)
    if (found) return found
  }
  return null
}

/** The document's root as the binding materialized it, or undefined before it did. */
function rootOf(doc: Y.Doc): CollabNode | undefined {
  return collabOf(doc.get('root', Y.XmlText))
}

/** The DOM Text node rendering a text node's characters (formats wrap it; it is the first text inside). */
function textInside(el: Node | null): Text | null {
  if (!el) return null
  if (el.nodeType === Node.TEXT_NODE) return el as Text
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  return walker.nextNode() as Text | null
}

/**
 * A DOM point moved onto a Text node: a start onto the first character at or after it, an end
 * onto the last before it. @returns null when there is no text on that side within `within`
 */
function ontoText(node: Node, offset: number, side: 'start' | 'end', within: Node): { text: Text; offset: number } | null {
  if (node.nodeType === Node.TEXT_NODE) return { text: node as Text, offset }
  const walker = document.createTreeWalker(within, NodeFilter.SHOW_TEXT)
  const boundary = document.createRange()
  boundary.setStart(node, offset)
  let last: Text | null = null
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    const cmp = boundary.comparePoint(t, 0)
    // cmp: -1 the text starts before the point, 1 after.
    if (side === 'start' && cmp >= 0) return { text: t, offset: 0 }
    if (side === 'end' && cmp >= 0) return last ? { text: last, offset: last.length } : null
    last = t
  }
  return side === 'end' && last ? { text: last, offset: last.length } : null
}

/** A DOM point inside the editor as a Yjs relative position, or null when it is not on text. */
function toRelative(editor: LexicalEditor, doc: Y.Doc, text: Text, offset: number, assoc: number): Y.RelativePosition | null {
  const root = rootOf(doc)
  if (!root) return null
  return editor.read(() => {
    const node = $getNearestNodeFromDOMNode(text)
    if (!node || !$isTextNode(node)) return null
    const collab = findByKey(root, node.getKey())
    const parent = collab?._parent
    if (!collab || !isText(collab) || !parent?._xmlText) return null
    return Y.createRelativePositionFromTypeIndex(parent._xmlText, collab.getOffset() + 1 + Math.min(offset, collab._text!.length), assoc)
  })
}

/** An anchor as stored: base64 of the two encoded relative positions. */
export interface EncodedAnchor {
  start: string
  end: string
}

const toB64 = (u: Uint8Array) => btoa(String.fromCharCode(...u))
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))

/**
 * The anchor of a DOM range selected in the editor (from its first character to its last), with
 * the text it covers. @returns null when the range holds no text of the document
 */
export function anchorOfRange(editor: LexicalEditor, doc: Y.Doc, range: Range): { anchor: EncodedAnchor; quote: string } | null {
  const within = editor.getRootElement()
  if (!within || !within.contains(range.commonAncestorContainer)) return null
  const from = ontoText(range.startContainer, range.startOffset, 'start', within)
  const to = ontoText(range.endContainer, range.endOffset, 'end', within)
  if (!from || !to) return null
  const start = toRelative(editor, doc, from.text, from.offset, 0)
  // The end sticks to the passage's last character: the position after it, associated leftwards.
  const end = toRelative(editor, doc, to.text, to.offset, -1)
  const quote = range.toString().trim()
  if (!start || !end || !quote) return null
  return { anchor: { start: toB64(Y.encodeRelativePosition(start)), end: toB64(Y.encodeRelativePosition(end)) }, quote }
}

/** Where an absolute Yjs position is in the editor's DOM now, or null when it cannot be placed. */
function toDomPoint(editor: LexicalEditor, abs: Y.AbsolutePosition, side: 'start' | 'end'): { node: Node; offset: number } | null {
  const element = collabOf(abs.type)
  if (!element || !isElement(element)) return null
  let index = 0
  for (const child of element._children!) {
    const size = child.getSize()
    const here = side === 'start' ? abs.index < index + size : abs.index <= index + size
    if (here) {
      const dom = editor.getElementByKey(child._key)
      if (!dom) return null
      if (isText(child)) {
        const text = textInside(dom)
        if (!text) return { node: dom, offset: 0 }
        return { node: text, offset: Math.max(0, Math.min(text.length, abs.index - index - 1)) }
      }
      // A line break or an element at this place: the point just before it.
      const parent = dom.parentNode
      return parent ? { node: parent, offset: Array.prototype.indexOf.call(parent.childNodes, dom) } : null
    }
    index += size
  }
  const dom = editor.getElementByKey(element._key)
  return dom ? { node: dom, offset: dom.childNodes.length } : null
}

/**
 * The DOM range an anchor covers in the editor now, or null when its passage is gone (deleted
 * entirely: its two ends meet) or cannot be shown.
 */
export function rangeOfAnchor(editor: LexicalEditor, doc: Y.Doc, anchor: EncodedAnchor): Range | null {
  let start: Y.AbsolutePosition | null
  let end: Y.AbsolutePosition | null
  try {
    start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromB64(anchor.start)), doc)
    end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromB64(anchor.end)), doc)
  } catch {
    return null
  }
  if (!start || !end) return null
  const a = toDomPoint(editor, start, 'start')
  const b = toDomPoint(editor, end, 'end')
  if (!a || !b) return null
  const range = document.createRange()
  try {
    range.setStart(a.node, a.offset)
    range.setEnd(b.node, b.offset)
  } catch {
    return null
  }
  return range.collapsed || range.toString().trim() === '' ? null : range
}
