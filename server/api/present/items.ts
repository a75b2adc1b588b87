import type { ItemView, SearchHit } from '../../../shared/schemas/items.js'
import type { ItemRow } from '../../rollup/item-queries.js'
import { unmark, type SearchRow } from '../../rollup/search.js'
import { isoOrNull } from './iso.js'

/** A projected item; lists add its thread's comment count. */
export function presentItem(row: ItemRow, commentCount?: number): ItemView {
  const view: ItemView = {
    id: row.id,
    hubId: row.hub_id,
    kind: row.kind,
    entryId: row.entry_id,
    title: row.title,
    body: row.body,
    themes: row.themes,
    forums: row.forums,
    mission: row.mission,
    missions: row.missions,
    leadMission: row.lead_mission,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: isoOrNull(row.created_at),
    updatedAt: isoOrNull(row.updated_at),
    status: row.status,
    due: row.due,
    completedAt: row.completed_at,
    crossCutting: row.cross_cutting,
    scope: row.scope,
    inputStatus: row.input_status,
    inputRequestedAt: isoOrNull(row.input_requested_at),
    inputProvidedAt: isoOrNull(row.input_provided_at),
    relatedHubs: row.related_hubs,
    linkedItems: row.linked_items,
    exchangeType: row.exchange_type ?? null,
    counterparts: row.counterparts ?? [],
    partnership: row.partnership ?? null,
    actionKind: row.action_kind ?? null,
    owner: row.owner_id ?? null,
    ggProject: row.gg_project ?? null,
    sourceExchange: row.source_exchange ?? null,
    outcome: row.outcome ?? null,
    dropReason: row.drop_reason ?? null,
    escalation: row.escalation ?? null,
    issues: row.issues,
  }
  return commentCount === undefined ? view : { ...view, commentCount }
}

/** A search hit: briefs and notes by document name, exchanges and actions by item id, comments by id and item. */
export function presentSearchHit(r: SearchRow): SearchHit {
  const rank = Number(r.rank)
  const { text: snippet, highlights } = unmark(r.snippet)
  const common = { hubId: r.hub_id, title: r.title, snippet, highlights, rank, scope: r.scope }
  if (r.kind === 'brief' || r.kind === 'note') return { kind: r.kind, docName: r.ref, ...common }
  if (r.kind === 'comment') return { kind: r.kind, commentId: r.ref, itemId: r.item_id ?? '', ...common }
  return { kind: r.kind, itemId: r.ref, ...common }
}
