import * as Y from 'yjs'

/**
 * Where the structs of an update land in a document, worked out without applying it. A Yjs item
 * names its parent (a root type's name or the id of the parent item) and its map key only when it
 * has no origin and no right origin; otherwise both are those of its origin, which is found in the
 * update itself, in updates of the room still waiting for their commit, or in the document.
 */

/** Any shared type (Yjs types are generic over their events). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>

/** A struct's place: under a root type or under an item (a nested type), at a map key or in a sequence. */
export type Place = { root: string; key: string | null } | { parent: Y.ID; key: string | null }

/** Decoded structs of one update by client, each list in clock order (the update's own order). */
export type StructIndex = Map<number, Y.Item[]>

/** Indexes the items of a decoded update by client, for lookups by id. */
export function indexStructs(structs: readonly (Y.Item | Y.GC | Y.Skip)[]): StructIndex {
  const index: StructIndex = new Map()
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    const list = index.get(s.id.client)
    if (list) list.push(s)
    else index.set(s.id.client, [s])
  }
  return index
}

/** The item of an index that holds `id` (items hold runs of clocks). */
export function findInIndex(index: StructIndex, id: Y.ID): Y.Item | null {
  const list = index.get(id.client)
  if (!list) return null
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const item = list[mid]
    if (id.clock < item.id.clock) hi = mid - 1
    else if (id.clock >= item.id.clock + item.length) lo = mid + 1
    else return item
  }
  return null
}

/**
 * Resolves ids to places against the document, the room's pending updates and the update
 * being checked. Answers are memoised per struct; chains of origins are followed iteratively.
 */
export class PlaceResolver {
  private readonly memo = new Map<Y.Item, Place | null>()
  private rootNames: Map<AnyType, string> | null = null

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: StructIndex,
    private readonly pending: readonly StructIndex[],
  ) {}

  /** The struct that holds `id`: an item of the update, of a pending update or of the document; or a collected (GC) range. */
  lookup(id: Y.ID): { item: Y.Item; stored: boolean } | { collectedUntil: number } | 'missing' {
    const own = findInIndex(this.update, id)
    if (own) return { item: own, stored: false }
    for (const p of this.pending) {
      const queued = findInIndex(p, id)
      if (queued) return { item: queued, stored: false }
    }
    const structs = this.doc.store.clients.get(id.client)
    if (!structs || id.clock >= Y.getState(this.doc.store, id.client)) return 'missing'
    const found = structs[Y.findIndexSS(structs, id.clock)]
    return found instanceof Y.Item ? { item: found, stored: true } : { collectedUntil: found.id.clock + found.length }
  }

  /**
   * The place of an item; null when it hangs off content the document garbage-collected (Yjs
   * turns such an item into a GC: it lands nowhere).
   * @throws MissingReference when it refers to content nobody has
   */
  placeOf(item: Y.Item): Place | null {
    const chain: Y.Item[] = []
    let current: Y.Item = item
    let place: Place | null | undefined
    for (;;) {
      place = this.memo.get(current)
      if (place !== undefined) break
      place = this.directPlace(current)
      if (place !== undefined) break
      chain.push(current)
      const ref = current.origin ?? current.rightOrigin
      const next = ref ? this.lookup(ref) : null
      if (next === 'missing') throw new MissingReference()
      if (next === null || 'collectedUntil' in next) {
        place = null
        break
      }
      current = next.item
    }
    this.memo.set(current, place)
    for (const c of chain) this.memo.set(c, place)
    return place
  }

  /** The place an item states itself (integrated items always; decoded ones without origins); undefined when implied. */
  private directPlace(item: Y.Item): Place | null | undefined {
    const parent = item.parent as unknown
    if (parent instanceof Y.AbstractType) {
      const owner = parent._item
      if (owner) return { parent: owner.id, key: item.parentSub }
      const root = this.rootName(parent)
      return root === null ? null : { root, key: item.parentSub }
    }
    if (typeof parent === 'string') return { root: parent, key: item.parentSub }
    if (parent instanceof Y.ID) return { parent, key: item.parentSub }
    return undefined
  }

  private rootName(type: AnyType): string | null {
    if (!this.rootNames) {
      this.rootNames = new Map()
      for (const [name, t] of this.doc.share) this.rootNames.set(t, name)
    }
    return this.rootNames.get(type) ?? null
  }
}

/** An update refers to content that neither it, the pending updates, nor the document holds. */
export class MissingReference extends Error {}

/**
 * Every item of the document (or of the update, or pending) covered by a delete set, once per
 * item. Items already deleted are skipped: deleting them again changes nothing.
 * @throws MissingReference for a delete of content nobody has yet: Yjs would keep it and delete
 *   that content whenever it arrives, unchecked; honest clients only delete what they have
 */
export function* deletedItems(resolver: PlaceResolver, ds: DeleteSetLike): Generator<Y.Item> {
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      let at = clock
      while (at < clock + len) {
        const found = resolver.lookup(new Y.ID(client, at))
        if (found === 'missing') throw new MissingReference()
        if ('collectedUntil' in found) {
          at = found.collectedUntil
          continue
        }
        const { item } = found
        if (!item.deleted) yield item
        at = item.id.clock + item.length
      }
    }
  }
}

/** The shape of a decoded delete set (`Y.decodeUpdate(u).ds`). */
export interface DeleteSetLike {
  clients: Map<number, { clock: number; len: number }[]>
}
