import type { SearchHit } from '../../../shared/schemas/items'
import { t } from '../../i18n/intl'

/**
 * Where a hit opens: the brief, the note itself, or the log tab of the entry (the entry's id rides
 * in the hash, which the tab can scroll to; a comment opens its item's thread the same way).
 */
export function hitUrl(h: SearchHit): string {
  const hub = `/hubs/${encodeURIComponent(h.hubId)}`
  if (h.kind === 'brief') return `${hub}/brief`
  if (h.kind === 'note') {
    const noteId = h.docName?.split('/').pop() ?? ''
    return `${hub}/notes/${encodeURIComponent(noteId)}`
  }
  // Item ids are `<hubId>:<kind>:<entryId>`: the kind of a comment's item is in its id.
  const [, kind = 'exchange', entryId = ''] = (h.itemId ?? '').split(':')
  const tab = kind === 'action' ? 'actions' : 'exchanges'
  const anchor = h.kind === 'comment' && h.commentId ? `comment-${h.commentId}` : `entry-${entryId}`
  return `${hub}/${tab}#${encodeURIComponent(anchor)}`
}

/** How a kind reads in the results and the filter. */
export const SEARCH_KINDS = ['brief', 'note', 'exchange', 'action', 'comment'] as const satisfies readonly SearchHit['kind'][]
export const kindLabel = (kind: SearchHit['kind']): string => t(`search.kind.${kind}`)
export const kindsLabel = (kind: SearchHit['kind']): string => t(`search.kinds.${kind}`)
