import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../db/schema.js'
import type { HubScope } from '../../shared/access.js'
import type { ItemsQuery, ItemView, SearchHit } from '../../shared/schemas/items.js'
import { activeInPeriod, themeMatch } from './rollup.js'
import { OPEN_ACTION_STATUSES } from '../../shared/item-statuses.js'

type ItemsEb = ExpressionBuilder<Database, 'items'>

/** The items an actor's scope may read, as a WHERE condition (access.ts decided the scope). */
export function itemScope(eb: ItemsEb, scope: HubScope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<boolean>`true`
  if (scope.kind === 'cross-cutting') return eb('items.cross_cutting', '=', true)
  if (scope.hubIds.length === 0) return sql<boolean>`false`
  return eb('items.hub_id', 'in', scope.hubIds)
}

/**
 * A tsquery for what a person typed: each word (letters and digits of any script) must occur, as
 * a prefix, with the 'simple' configuration (no stemming: French, German or Italian words match as
 * typed). Null when nothing searchable is left.
 */
export function prefixQuery(q: string): string | null {
  const words = q.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  if (words.length === 0) return null
  return words.slice(0, 12).map((w) => `${w}:*`).join(' & ')
}

/** `GET /api/items`: the items in scope matching the filters, newest first. */
export async function listItems(db: Kysely<Database>, scope: HubScope, f: ItemsQuery, today = new Date()): Promise<ItemView[]> {
  const tsq = f.q ? prefixQuery(f.q) : null
  const day = today.toISOString().slice(0, 10)
  const rows = await db
    .selectFrom('items')
    .innerJoin('hubs', 'hubs.id', 'items.hub_id')
    .leftJoin('users', 'users.id', 'items.author_id')
    .selectAll('items')
    .select('users.name as author_name')
    .where((eb) => {
      const c: Expression<SqlBool>[] = [itemScope(eb, scope)]
      if (f.hubId) c.push(eb('items.hub_id', '=', f.hubId))
      if (f.kind) c.push(eb('items.kind', '=', f.kind))
      if (f.theme) c.push(themeMatch(f.theme, 'items'))
      if (f.crossCutting) c.push(eb('items.cross_cutting', '=', f.crossCutting === 'true'))
      if (f.status) c.push(eb('items.status', '=', f.status))
      if (f.inputStatus) c.push(eb('items.input_status', '=', f.inputStatus))
      if (f.mission) c.push(eb.or([eb('items.mission', '=', f.mission), sql<boolean>`${f.mission} = any(items.missions)`]))
      if (f.region) c.push(eb('hubs.region', '=', f.region))
      if (f.from) c.push(eb('items.created_at', '>=', new Date(`${f.from}T00:00:00Z`)))
      if (f.to) c.push(eb('items.created_at', '<', new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)))
      if (f.overdue) {
        c.push(eb('items.kind', '=', 'action'), eb('items.due', '<', day), eb('items.status', 'in', [...OPEN_ACTION_STATUSES]))
      }
      if (f.activeFrom && f.activeTo) c.push(activeInPeriod(f.activeFrom, f.activeTo, 'items'))
      if (f.q) c.push(tsq ? sql<boolean>`items.search @@ to_tsquery('simple', ${tsq})` : sql<boolean>`false`)
      return eb.and(c)
    })
    .orderBy(sql`items.created_at desc nulls last`)
    .orderBy('items.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
  return rows.map(presentItem)
}

/** One item by id, with no access decided (the caller asks access.ts with its hub and flag). */
export async function findItem(db: Kysely<Database>, itemId: string): Promise<ItemView | null> {
  const row = await db
    .selectFrom('items')
    .leftJoin('users', 'users.id', 'items.author_id')
    .selectAll('items')
    .select('users.name as author_name')
    .where('items.id', '=', itemId)
    .executeTakeFirst()
  return row ? presentItem(row) : null
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

type ItemRow = Omit<Database['items'], 'search'> & { author_name: string | null } & Record<string, unknown>

export function presentItem(r: ItemRow | (Record<string, unknown> & { author_name: string | null })): ItemView {
  const row = r as unknown as {
    [K in keyof Database['items']]: Database['items'][K] extends import('kysely').ColumnType<infer S, unknown, unknown> ? S : Database['items'][K]
  } & { author_name: string | null }
  return {
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
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    status: row.status,
    due: row.due,
    completedAt: row.completed_at,
    crossCutting: row.cross_cutting,
    inputStatus: row.input_status,
    inputRequestedAt: iso(row.input_requested_at),
    inputProvidedAt: iso(row.input_provided_at),
    relatedHubs: row.related_hubs,
    linkedItems: row.linked_items,
    issues: row.issues,
  }
}

/**
 * `GET /api/search`: briefs, notes and items the scope may read, ranked, each with a plain-text
 * snippet. Cyber ambassadors' scope has no hub documents, only cross-cutting items.
 */
export async function search(db: Kysely<Database>, scope: HubScope, q: string, limit: number): Promise<SearchHit[]> {
  const tsq = prefixQuery(q)
  if (!tsq) return []
  const query = sql`to_tsquery('simple', ${tsq})`
  const docScope =
    scope.kind === 'all' ? sql`true` : scope.kind === 'hubs' && scope.hubIds.length ? sql`doc_text.hub_id in (${sql.join(scope.hubIds)})` : sql`false`
  const itemWhere =
    scope.kind === 'all'
      ? sql`true`
      : scope.kind === 'cross-cutting'
        ? sql`items.cross_cutting`
        : scope.hubIds.length
          ? sql`items.hub_id in (${sql.join(scope.hubIds)})`
          : sql`false`
  // Ranked and cut first; snippets (ts_headline re-parses the text) only for the hits returned.
  const rows = await sql<{ kind: SearchHit['kind']; ref: string; hub_id: string; title: string; snippet: string; rank: number }>`
    select kind, ref, hub_id, title, rank,
           ts_headline('simple', body, ${query}, 'StartSel="", StopSel="", MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "') as snippet
    from (
      select doc_text.kind, doc_text.doc as ref, doc_text.hub_id, doc_text.title, doc_text.text as body,
             ts_rank(doc_text.search, ${query}) as rank
        from doc_text where ${docScope} and doc_text.search @@ ${query}
      union all
      select items.kind, items.id as ref, items.hub_id, items.title, items.body,
             ts_rank(items.search, ${query}) as rank
        from items where ${itemWhere} and items.search @@ ${query}
      order by rank desc, title
      limit ${limit}
    ) hits
    order by rank desc, title`.execute(db)
  return rows.rows.map((r) =>
    r.kind === 'brief' || r.kind === 'note'
      ? { kind: r.kind, docName: r.ref, hubId: r.hub_id, title: r.title, snippet: r.snippet, rank: Number(r.rank) }
      : { kind: r.kind, itemId: r.ref, hubId: r.hub_id, title: r.title, snippet: r.snippet, rank: Number(r.rank) },
  )
}
