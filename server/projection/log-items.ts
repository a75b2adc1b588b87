import * as Y from 'yjs'
import { readActions, readExchanges, type LogItem } from '../../shared/log-doc.js'
import { isForumId, isPartnershipId, isThemeId, topTheme, type Taxonomy } from '../../shared/taxonomy.js'
import type { NewItem } from '../db/schema.js'
import { buildItemId } from '../../shared/item-id.js'


/** The UTC day of an ISO instant. */
const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10)

/** `active_to` of an action still open. */
const INFINITY = '9999-12-31'
const DAY = /^\d{4}-\d{2}-\d{2}$/
const validDay = (s: string | null): s is string => !!s && DAY.test(s) && !Number.isNaN(Date.parse(s))

/** Who created an entry, as the sync server stored it (keyed by item id). */
export type Origins = ReadonlyMap<string, { userId: string | null; mission: string | null }>

/** What the structured fields are checked against: the hub's members (owners) and the Global Gateway projects. */
export interface RecordRefs {
  members: ReadonlySet<string>
  ggProjects: ReadonlySet<string>
}

/**
 * The structured fields as columns: an owner who is not a member of the hub, a
 * partnership the taxonomy does not know, a project not among the Global Gateway projects, or a
 * source that is not one of the hub's exchanges is kept out of its column and flagged.
 */
function recordColumns(item: LogItem, taxonomy: Taxonomy, refs: RecordRefs | null, exchangeIds: ReadonlySet<string>, issues: string[]) {
  const action = item.kind === 'action' ? item : null
  let partnership: string | null = item.partnership
  if (item.partnership !== null && !isPartnershipId(taxonomy, item.partnership)) {
    issues.push(`partnership: unknown ${String(item.partnership).slice(0, 60)}`)
    partnership = null
  }
  let owner = action?.owner ?? null
  if (owner !== null && refs && !refs.members.has(owner)) {
    issues.push('owner: not a member of this hub')
    owner = null
  }
  let ggProject = action?.ggProject ?? null
  if (ggProject !== null && refs && !refs.ggProjects.has(ggProject)) {
    issues.push(`ggProject: unknown ${ggProject.slice(0, 60)}`)
    ggProject = null
  }
  let source = action?.sourceExchange ?? null
  if (source !== null && !exchangeIds.has(source)) {
    issues.push('sourceExchange: not an exchange of this hub')
    source = null
  }
  return {
    exchange_type: item.exchangeType,
    counterparts: item.counterparts,
    partnership,
    action_kind: action?.actionKind ?? null,
    owner_id: owner,
    gg_project: ggProject,
    source_exchange: source,
    outcome: action?.outcome ?? null,
    drop_reason: action?.dropReason ?? null,
    escalation: item.crossCutting ? (item.escalation ?? 'none') : null,
  }
}

/**
 * The `items` rows of one hub's log document. Each entry is projected as far as it is valid: the
 * tolerant reader (shared/log-doc-view.ts) has already capped text, dropped wrongly typed values
 * and listed what it found wrong; theme and forum ids the taxonomy does not know are dropped and
 * flagged here. A bad entry never stops the others. Author and mission are the server's record of
 * who created the entry (`origins`), never the document's word alone.
 */
export function logItemRows(
  hubId: string,
  doc: Y.Doc,
  taxonomy: Taxonomy,
  now = new Date(),
  origins: Origins = new Map(),
  /** The hub-only log: every entry in it is of scope `hub`, whatever it says. */
  hubOnly = false,
  /** Members and projects to check owners and projects against; null: not checked (unit uses). */
  refs: RecordRefs | null = null,
  /** Exchange ids of the hub (both logs): an action's source must be one. Defaults to this document's. */
  exchangeIds?: ReadonlySet<string>,
): NewItem[] {
  const rows: NewItem[] = []
  const exchanges = readExchanges(doc)
  const sources = exchangeIds ?? new Set(exchanges.map((e) => e.id))
  for (const entry of [...exchanges, ...readActions(doc)]) {
    const issues = [...entry.issues]
    const origin = origins.get(buildItemId(hubId, entry.kind, entry.id))
    if (origin && (origin.userId !== (entry.authorId || null) || origin.mission !== (entry.mission || null))) {
      issues.push('author: the document names another author or mission than the one who created it')
    }
    const item = origin ? { ...entry, authorId: origin.userId ?? '', mission: origin.mission ?? '' } : entry
    const unknownThemes = item.themes.filter((t) => !isThemeId(taxonomy, t))
    const unknownForums = item.forums.filter((f) => !isForumId(taxonomy, f))
    if (unknownThemes.length) issues.push(`themes: unknown ${unknownThemes.slice(0, 5).join(', ')}`)
    if (unknownForums.length) issues.push(`forums: unknown ${unknownForums.slice(0, 5).join(', ')}`)
    const action = item.kind === 'action' ? item : null
    const themes = item.themes.filter((t) => isThemeId(taxonomy, t))
    const lead = action ? (action.leadMission ?? (item.mission || null)) : null
    const created = item.createdAt ? dayOf(item.createdAt) : null
    // An action stays active until completed, or until dropped (its last change); else open-ended.
    const ends = [
      validDay(action?.completedAt ?? null) ? action!.completedAt! : null,
      action?.status === 'dropped' ? dayOf(action.updatedAt || item.createdAt) : null,
    ].filter((d): d is string => !!d)
    const ended = ends.length ? ends.sort()[0] : null
    const records = recordColumns(item, taxonomy, refs, sources, issues)
    rows.push(withoutNul({
      ...records,
      id: buildItemId(hubId, item.kind, item.id),
      hub_id: hubId,
      kind: item.kind,
      entry_id: item.id,
      title: item.title,
      body: item.body,
      themes,
      forums: item.forums.filter((f) => isForumId(taxonomy, f)),
      mission: item.mission || null,
      missions: item.missions,
      lead_mission: lead,
      author_id: item.authorId || null,
      created_at: item.createdAt || null,
      updated_at: action?.updatedAt || item.createdAt || null,
      status: action?.status ?? null,
      due: validDay(action?.due ?? null) ? action!.due : null,
      completed_at: validDay(action?.completedAt ?? null) ? action!.completedAt : null,
      cross_cutting: item.crossCutting,
      input_status: item.inputStatus,
      input_requested_at: item.inputRequestedAt,
      input_provided_at: item.inputProvidedAt,
      related_hubs: item.relatedHubs,
      linked_items: item.linkedItems,
      top_themes: [...new Set(themes.map(topTheme))],
      participants: [...new Set([item.mission, lead, ...item.missions].filter((m): m is string => !!m))],
      active_from: created,
      active_to: created === null ? null : action ? (ended ?? INFINITY) : created,
      issues,
      projected_at: now,
      scope: hubOnly ? 'hub' : item.scope === 'network' ? 'network' : 'hq',
    }))
  }
  return rows
}

/** PostgreSQL text cannot hold U+0000: it becomes U+FFFD (and is flagged) instead of failing the batch. */
function withoutNul(row: NewItem): NewItem {
  let found = false
  const clean = (s: string) => (s.includes('\u0000') ? ((found = true), s.replaceAll('\u0000', '\uFFFD')) : s)
  const out = { ...row } as Record<string, unknown>
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string') out[k] = clean(v)
    else if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' ? clean(x) : x))
  }
  const result = out as unknown as NewItem
  if (found) result.issues = [...(result.issues as string[]), 'text: contained NUL characters']
  return result
}
