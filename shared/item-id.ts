import { LOG_KINDS, type LogKind } from './item-statuses.js'

/**
 * The id of a projected item: `<hubId>:<kind>:<entryId>`, where `entryId` is the entry's key in
 * the hub's log document. Hub ids and entry ids never hold `:` (see ID_PATTERN), so the id splits
 * back unambiguously.
 */
export function buildItemId(hubId: string, kind: LogKind, entryId: string): string {
  return `${hubId}:${kind}:${entryId}`
}

/** The parts of an item id, or null when the string is not one. */
export function parseItemId(itemId: string): { hubId: string; kind: LogKind; entryId: string } | null {
  const [hubId, kind, entryId, ...rest] = itemId.split(':')
  if (rest.length || !hubId || !entryId || !(LOG_KINDS as readonly string[]).includes(kind)) return null
  return { hubId, kind: kind as LogKind, entryId }
}
