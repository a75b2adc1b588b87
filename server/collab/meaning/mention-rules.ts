import * as Y from 'yjs'
import { MENTION_TYPE, MENTION_USER_ID } from '../../../shared/editor/mention-node.js'
import type { PlaceResolver, StructIndex } from './struct-places.js'

/** A mention an accepted update writes: the node (its Yjs id, stable for the node's life) and whom it names. */
export interface WrittenMention {
  node: string
  userId: string
}

export type MentionVerdict = { mentions: WrittenMention[] } | { field: string; reason: string }

/** The attributes a mention node has in the Yjs document; anything else is refused. */
const MENTION_KEYS = new Set(['__type', '__userId'])

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`

/**
 * A mention node has a strict shape: one `XmlElement` (a Lexical decorator) whose only attributes
 * are its type and `__userId`, a short id string; no children, no node state, no other field. An
 * update that writes anything else into one (or makes a mention of another kind of Yjs type) is
 * refused. Reports the mentions the update writes (new nodes, or a node's user id changed).
 * @param fresh the update's items not yet in the document
 */
export function checkMentions(resolver: PlaceResolver, fresh: readonly Y.Item[], pending: readonly StructIndex[]): MentionVerdict {
  // Nodes this update types as mentions, by the id of the item holding the node's shared type.
  const typedHere = new Map<string, Y.ID>()
  const writes: { parent: Y.ID; key: string | null; item: Y.Item }[] = []
  for (const item of fresh) {
    const place = resolver.placeOf(item)
    if (!place || !('parent' in place)) continue
    if (place.key === '__type' && item.content instanceof Y.ContentAny && item.content.arr[0] === MENTION_TYPE) typedHere.set(idKey(place.parent), place.parent)
    writes.push({ parent: place.parent, key: place.key, item })
  }
  const isMention = new Map<string, boolean>()
  const mentionNode = (parent: Y.ID): boolean => {
    const k = idKey(parent)
    let known = isMention.get(k)
    if (known === undefined) isMention.set(k, (known = typedHere.has(k) || typedBefore(resolver, parent, pending)))
    return known
  }
  const mentions = new Map<string, string>()
  for (const w of writes) {
    if (!mentionNode(w.parent)) continue
    if (w.key === null) return { field: 'mention', reason: 'a mention has no content' }
    if (!MENTION_KEYS.has(w.key)) return { field: 'mention', reason: `a mention has no field ${JSON.stringify(w.key.slice(0, 40))}` }
    if (w.key === '__userId') {
      const value = w.item.content instanceof Y.ContentAny && w.item.content.arr.length === 1 ? w.item.content.arr[0] : undefined
      if (typeof value !== 'string' || !MENTION_USER_ID.test(value)) return { field: 'mention.userId', reason: 'must be a user id (at most 64 letters, digits, - or _)' }
      mentions.set(idKey(w.parent), value)
    }
  }
  for (const [k, parent] of typedHere) {
    const holder = resolver.lookup(parent)
    const type = holder !== 'missing' && 'item' in holder && holder.item.content instanceof Y.ContentType ? holder.item.content.type : null
    if (!(type instanceof Y.XmlElement)) return { field: 'mention', reason: 'a mention must be a decorator node' }
    if (!mentions.has(k)) return { field: 'mention.userId', reason: 'a mention names a user' }
  }
  return { mentions: [...mentions].map(([node, userId]) => ({ node, userId })) }
}

/** Whether the node held by `parent` was typed a mention before this update (stored, or in an update still waiting for its commit). */
function typedBefore(resolver: PlaceResolver, parent: Y.ID, pending: readonly StructIndex[]): boolean {
  const holder = resolver.lookup(parent)
  if (holder === 'missing' || !('item' in holder)) return false
  const type = holder.item.content instanceof Y.ContentType ? holder.item.content.type : null
  if (!type) return false
  if (holder.stored) {
    const typed = type instanceof Y.XmlElement || type instanceof Y.XmlText ? type.getAttribute('__type') : type instanceof Y.Map ? type.get('__type') : undefined
    return typed === MENTION_TYPE
  }
  // Queued, not yet integrated: its attributes are items of its own update, found by their parent.
  for (const index of pending) {
    for (const list of index.values()) {
      for (const it of list) {
        if (it.parentSub !== '__type' || !(it.parent instanceof Y.ID) || !(it.content instanceof Y.ContentAny)) continue
        if (it.parent.client === parent.client && it.parent.clock === parent.clock && it.content.arr[0] === MENTION_TYPE) return true
      }
    }
  }
  return false
}
