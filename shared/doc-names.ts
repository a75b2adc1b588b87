/**
 * The one parser of document names. Anything it does not accept is refused.
 *   hub/<hubId>/brief · hub/<hubId>/notes/<noteId> · hub/<hubId>/log · hub/<hubId>/log/hub
 * The hub's log is two documents: `…/log` holds the entries shared with HQ (scopes `hq` and
 * `network`), `…/log/hub` those kept among the hub's missions (scope `hub`). A Yjs document is
 * the unit of access, so what HQ may not read lives in a document HQ cannot open.
 */

/** A parsed document name. */
export type DocName =
  | { type: 'brief'; hubId: string; name: string }
  | { type: 'log'; hubId: string; name: string; /** The hub-only log (`…/log/hub`). */ hubOnly?: boolean }
  | { type: 'note'; hubId: string; noteId: string; name: string }

/** Ids inside names: letters, digits, `-` and `_`, 1–64 characters (no `/`, no dots, no spaces). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** Parses a document name, or returns null when it is not one of the forms above. */
export function parseDocName(name: string): DocName | null {
  if (typeof name !== 'string' || name.length > 200) return null
  const parts = name.split('/')
  if (parts[0] !== 'hub' || !ID_PATTERN.test(parts[1] ?? '')) return null
  const hubId = parts[1]
  if (parts.length === 3 && parts[2] === 'brief') return { type: 'brief', hubId, name }
  if (parts.length === 3 && parts[2] === 'log') return { type: 'log', hubId, name }
  if (parts.length === 4 && parts[2] === 'log' && parts[3] === 'hub') return { type: 'log', hubId, name, hubOnly: true }
  if (parts.length === 4 && parts[2] === 'notes' && ID_PATTERN.test(parts[3])) {
    return { type: 'note', hubId, noteId: parts[3], name }
  }
  return null
}

/** `hub/<hubId>/brief` */
export const briefDocName = (hubId: string) => `hub/${hubId}/brief`
/** `hub/<hubId>/log` */
export const logDocName = (hubId: string) => `hub/${hubId}/log`
/** `hub/<hubId>/log/hub`: the entries kept among the hub's missions. */
export const hubLogDocName = (hubId: string) => `hub/${hubId}/log/hub`
/** The log document holding entries of a scope. */
export const logDocNameFor = (hubId: string, scope: 'hub' | 'hq' | 'network') => (scope === 'hub' ? hubLogDocName(hubId) : logDocName(hubId))
/** `hub/<hubId>/notes/<noteId>` */
export const noteDocName = (hubId: string, noteId: string) => `hub/${hubId}/notes/${noteId}`
