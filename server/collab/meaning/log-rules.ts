import * as Y from 'yjs'
import { deletedItems, MissingReference, type DeleteSetLike, type PlaceResolver } from './struct-places.js'
import { isReopening } from '../../../shared/records.js'

/**
 * What a client may write into a log document (`hub/<id>/log`, `hub/<id>/log/hub`). The server
 * alone decides who wrote an entry, for which mission and when, and writes the fields that record
 * what happened to it (input states, status history, last editor).
 */

/** Fields only the server writes. */
export const SERVER_ONLY_FIELDS: ReadonlySet<string> = new Set(['inputStatus', 'inputRequestedAt', 'inputProvidedAt', 'statusHistory', 'updatedBy'])
/** Fields set once, when the entry is created, by the server's rules. */
const BIRTH_FIELDS: ReadonlySet<string> = new Set(['authorId', 'mission', 'createdAt'])
const ENTRY_MAPS: Record<string, 'exchange' | 'action'> = { exchanges: 'exchange', actions: 'action' }
/** How far ahead of the server's clock a new entry's `createdAt` may be. */
export const MAX_FUTURE_MS = 5 * 60_000

/** Who writes, as the server knows them. */
export interface Writer {
  userId: string
  mission: string
  now: number
  /** One of the hub's coordinators (or an admin): may escalate cross-cutting items and reopen closed actions. */
  coordinator?: boolean
}

/** Fields only the hub's coordinators change (2025 ¶27: escalation of cross-cutting items). */
const COORDINATOR_FIELDS: ReadonlySet<string> = new Set(['escalation'])

/** The scopes an entry may say it has in each of a hub's two log documents. */
const SCOPES_IN = { hubOnly: new Set(['hub']), shared: new Set(['hq', 'network']) }

/** An entry the update creates, for the server's attribution. */
export interface CreatedEntry {
  kind: 'exchange' | 'action'
  entryId: string
}

/** An action whose status the update changes (the server records it in `statusHistory`). */
export interface StatusChange {
  entryId: string
  from: string | null
  to: string
}

export type LogVerdict = { created: CreatedEntry[]; statusChanges: StatusChange[] } | { field: string; reason: string }

/** Where in the log a struct lands: which entry, and which of its fields (null: the entry itself). */
interface Spot {
  kind: 'exchange' | 'action'
  entryId: string
  entryItem: Y.ID
  field: string | null
  /** The struct sets the field itself (a map value), not something inside it (text, list items). */
  direct: boolean
}

function spotOf(resolver: PlaceResolver, item: Y.Item): Spot | null {
  let current = item
  let place = resolver.placeOf(item)
  let fieldKey: string | null = null
  // An entry sits under its root map, its fields one level down, text and list items two: the
  // climb is bounded so that no update can make it long.
  for (let hops = 0; place && hops < 8; hops++) {
    if ('root' in place) {
      const kind = ENTRY_MAPS[place.root]
      if (!kind) return null
      if (hops === 0) return place.key === null ? null : { kind, entryId: place.key, entryItem: current.id, field: null, direct: true }
      const entryId = place.key
      if (entryId === null) return null
      return { kind, entryId, entryItem: current.id, field: fieldKey, direct: hops === 1 }
    }
    fieldKey = place.key
    const parent = resolver.lookup(place.parent)
    if (parent === 'missing') throw new MissingReference()
    if ('collectedUntil' in parent) return null
    current = parent.item
    place = resolver.placeOf(current)
  }
  return null
}

/** The live entry map of a log document under `root` (entries are nested Y.Maps), if any. */
function liveEntry(doc: Y.Doc, root: string, entryId: string): Y.Map<unknown> | null {
  const item = doc.share.get(root)?._map.get(entryId)
  if (!item || item.deleted || !(item.content instanceof Y.ContentType)) return null
  const type = item.content.type
  return type instanceof Y.Map ? (type as Y.Map<unknown>) : null
}

const firstValue = (item: Y.Item): unknown => (item.content instanceof Y.ContentAny ? item.content.arr[0] : undefined)
const sameId = (a: Y.ID, b: Y.ID) => a.client === b.client && a.clock === b.clock
const idKey = (id: Y.ID) => `${id.client}:${id.clock}`

/**
 * Checks the new structs and the deletions of a log update.
 * @param fresh the update's items not yet in the document (re-sent ones change nothing)
 */
export function checkLogUpdate(
  doc: Y.Doc,
  resolver: PlaceResolver,
  fresh: readonly Y.Item[],
  ds: DeleteSetLike,
  writer: Writer,
  hubOnly: boolean,
): LogVerdict {
  const created = new Map<string, CreatedEntry & { fields: Set<string> }>()
  const statusChanges: StatusChange[] = []
  const spots: { item: Y.Item; spot: Spot }[] = []
  for (const item of fresh) {
    const spot = spotOf(resolver, item)
    if (spot) spots.push({ item, spot })
  }
  for (const { item, spot } of spots) {
    if (spot.field !== null) continue
    if (liveEntry(doc, `${spot.kind}s`, spot.entryId)) {
      return { field: 'id', reason: `entry ${spot.entryId} exists already and cannot be replaced` }
    }
    created.set(idKey(item.id), { kind: spot.kind, entryId: spot.entryId, fields: new Set() })
  }
  for (const { item, spot } of spots) {
    const field = spot.field
    if (field === null) continue
    if (SERVER_ONLY_FIELDS.has(field)) return { field, reason: `${field} is written by the server only` }
    const birth = created.get(idKey(spot.entryItem))
    if (BIRTH_FIELDS.has(field)) {
      if (!birth) return { field, reason: `the ${field} of an existing entry cannot change` }
      if (!spot.direct) return { field, reason: `${field} must be a plain value` }
      const value = firstValue(item)
      if (field === 'authorId' && value !== writer.userId) return { field, reason: 'authorId must be the signed-in user' }
      if (field === 'mission' && value !== writer.mission) return { field, reason: `mission must be ${writer.mission}, the signed-in user's mission in this hub` }
      if (field === 'createdAt' && typeof value === 'string' && Date.parse(value) > writer.now + MAX_FUTURE_MS) {
        return { field, reason: 'createdAt lies in the future' }
      }
      birth.fields.add(field)
    }
    if (field === 'scope') {
      // Who reads an entry changes only through the server (moved between documents, audited).
      if (!birth) return { field, reason: 'the scope of an existing entry changes through the scope control only' }
      const value = firstValue(item)
      if (!spot.direct || !(hubOnly ? SCOPES_IN.hubOnly : SCOPES_IN.shared).has(value as string)) {
        return { field, reason: `scope ${JSON.stringify(value)} does not belong in this document` }
      }
    }
    if (COORDINATOR_FIELDS.has(field) && !writer.coordinator) {
      // A new entry may say it is not escalated; anything else is the coordinators' call.
      if (!(birth && spot.direct && firstValue(item) === 'none')) return { field, reason: `only the hub's coordinators set ${field}` }
    }
    if (field === 'status' && spot.direct && !birth && spot.kind === 'action') {
      const to = firstValue(item)
      const from = liveEntry(doc, 'actions', spot.entryId)?.get('status')
      if (typeof to === 'string' && to !== from) {
        const was = typeof from === 'string' ? from : null
        if (isReopening(was, to) && !writer.coordinator) return { field, reason: `only the hub's coordinators reopen a ${was} action` }
        statusChanges.push({ entryId: spot.entryId, from: was, to })
      }
    }
  }
  for (const entry of created.values()) {
    for (const field of ['authorId', 'mission']) {
      if (!entry.fields.has(field)) return { field, reason: `a new entry must carry its ${field}` }
    }
  }
  // Deleting a protected field counts as writing it, unless its whole entry goes.
  const deleted = [...deletedItems(resolver, ds)]
  const deletedIds = deleted.map((d) => d.id)
  for (const item of deleted) {
    const spot = spotOf(resolver, item)
    if (!spot || spot.field === null || !spot.direct) continue
    const guarded = SERVER_ONLY_FIELDS.has(spot.field) || BIRTH_FIELDS.has(spot.field) || spot.field === 'scope' || (COORDINATOR_FIELDS.has(spot.field) && !writer.coordinator)
    if (!guarded) continue
    const overwritten = spots.some((s) => s.spot.field === spot.field && sameId(s.spot.entryItem, spot.entryItem))
    if (overwritten) continue // already judged as a write above
    const entryGoes = deletedIds.some((id) => sameId(id, spot.entryItem)) || entryIsDeleted(resolver, spot.entryItem)
    if (!entryGoes) return { field: spot.field, reason: `${spot.field} cannot be removed` }
  }
  return { created: [...created.values()].map(({ kind, entryId }) => ({ kind, entryId })), statusChanges }
}

function entryIsDeleted(resolver: PlaceResolver, id: Y.ID): boolean {
  const found = resolver.lookup(id)
  return typeof found !== 'string' && 'item' in found && found.item.deleted
}
