import type { SearchHit } from '../../../shared/schemas/items'
import { canSeeHub, type AccessActor } from '../../../shared/access'
import { parseItemId } from '../../../shared/item-id'
import { entryPath, hubPath, notePath } from '../../app/links'
import { t } from '../../i18n/intl'

/** The query value naming the passage a brief or note opens at (the first word the search marked). */
export const FIND_PARAM = 'find'

/** The matched words of a hit's snippet, as written in the text (accents and case kept). */
export function matchedWords(h: Pick<SearchHit, 'snippet' | 'highlights'>): string {
  const first = h.highlights[0]
  return first ? h.snippet.slice(first[0], first[1]) : ''
}

/**
 * Where a hit opens, the exact place: an exchange or action in its tab (`?item=`, shown, scrolled
 * to and marked), a comment as its item's open thread, a note itself, the brief or note at the
 * passage matched (`?find=`). A cross-cutting item of a hub the reader cannot open (a cyber
 * ambassador) opens its thread on the cross-cutting board.
 */
export function hitUrl(h: SearchHit, me?: AccessActor | null): string {
  const find = matchedWords(h)
  const at = find ? `?${new URLSearchParams({ [FIND_PARAM]: find })}` : ''
  if (h.kind === 'brief') return `${hubPath(h.hubId, 'brief')}${at}`
  if (h.kind === 'note') return `${notePath(h.hubId, h.docName?.split('/').pop() ?? '')}${at}`
  const p = parseItemId(h.itemId ?? '')
  if (!p) return hubPath(h.hubId, h.kind === 'action' ? 'actions' : 'exchanges')
  if (me && !canSeeHub(me, p.hubId)) return `/cross-cutting?${new URLSearchParams({ thread: h.itemId! })}`
  return entryPath(p.hubId, p.kind, p.entryId, h.kind === 'comment')
}

/** How a kind reads in the results and the filter. */
export const SEARCH_KINDS = ['brief', 'note', 'exchange', 'action', 'comment'] as const satisfies readonly SearchHit['kind'][]
export const kindLabel = (kind: SearchHit['kind']): string => t(`search.kind.${kind}`)
export const kindsLabel = (kind: SearchHit['kind']): string => t(`search.kinds.${kind}`)
