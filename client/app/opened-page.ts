import { briefDocName, noteDocName, parseDocName } from '../../shared/doc-names'

/**
 * The hub, tab and edited document a page's address names (`/hubs/<id>/brief`,
 * `/hubs/<id>/notes/<noteId>`, …), read before the router exists; null off a hub's page.
 */
export function openedHubPage(pathname: string): { hubId: string; tab: string; docName: string | null } | null {
  const m = /^\/hubs\/([^/]+)\/([a-z]+)(?:\/([^/]+))?\/?$/.exec(pathname)
  if (!m) return null
  let hubId: string, noteId: string | undefined
  try {
    hubId = decodeURIComponent(m[1])
    noteId = m[3] === undefined ? undefined : decodeURIComponent(m[3])
  } catch {
    return null
  }
  const tab = m[2]
  if (m[3] !== undefined && tab !== 'notes') return null
  const name = tab === 'brief' && !noteId ? briefDocName(hubId) : tab === 'notes' && noteId ? noteDocName(hubId, noteId) : null
  // Only names the server could accept: anything else waits for the page to say what it is.
  return { hubId, tab, docName: name && parseDocName(name) ? name : null }
}
