import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { Database, Item } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import type { ItemsQuery } from '../../shared/schemas/items.js'
import { readableBy } from '../db/read-scope.js'
import { activeInPeriod, themeMatch } from './rollup.js'
import { OPEN_ACTION_STATUSES } from '../../shared/item-statuses.js'
import { GG_ACTION_KINDS } from '../../shared/records.js'
import { forumsWithParents } from './forum-tree.js'

/** An `items` row with its author's name, as the API presents it. */
export type ItemRow = Item & { author_name: string | null }

/**
 * A tsquery for what a person typed: each word (letters and digits of any script) must occur, as
 * a prefix. SQL hands it to `hubwork_search_query`, which folds accents and tries it under 'simple'
 * and the five languages' stemmers (migration 20261202T0300). Null when nothing searchable is left.
 */
export function prefixQuery(q: string): string | null {
  const words = q.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  if (words.length === 0) return null
  return words.slice(0, 12).map((w) => `${w}:*`).join(' & ')
}

/**
 * `GET /api/items`: the items `actor` may read matching the filters, newest first. With a locked
 * period's frozen copy as `source` (its drill-down), the rows are as they were at the lock, and only
 * those the actor may still read now are listed: an entry moved among the hub's missions or deleted
 * since is still counted in the frozen figures, but its text is no longer shown.
 */
export async function listItems(
  db: Kysely<Database>,
  actor: Actor,
  f: ItemsQuery,
  today = new Date(),
  source: RawBuilder<unknown> | null = null,
): Promise<ItemRow[]> {
  const tsq = f.q ? prefixQuery(f.q) : null
  const day = today.toISOString().slice(0, 10)
  return db
    .selectFrom(source ? sql<Item>`${source}`.as('items') : sql<Item>`items`.as('items'))
    .innerJoin('hubs', 'hubs.id', 'items.hub_id')
    .leftJoin('users', 'users.id', 'items.author_id')
    .selectAll('items')
    .select('users.name as author_name')
    .where((eb) => {
      const c: Expression<SqlBool>[] = [readableBy(actor, 'items')]
      if (source) c.push(sql<boolean>`items.id in (select now.id from items now where ${readableBy(actor, 'items', 'now')})`)
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
      if (f.exchangeType) c.push(eb('items.exchange_type', '=', f.exchangeType))
      if (f.counterpart) c.push(sql<boolean>`${f.counterpart} = any(items.counterparts)`)
      if (f.actionKind) c.push(eb('items.action_kind', '=', f.actionKind))
      if (f.ggOrTbo) c.push(eb('items.action_kind', 'in', [...GG_ACTION_KINDS]))
      if (f.partnership) c.push(eb('items.partnership', '=', f.partnership))
      if (f.ggProject) c.push(eb('items.gg_project', '=', f.ggProject))
      // A forum's records include those of its sub-forums (as roll-up question 6 counts them).
      if (f.forum) c.push(sql<boolean>`${f.forum} in (${forumsWithParents(sql`items.forums`)})`)
      if (f.owner) c.push(eb('items.owner_id', '=', f.owner))
      if (f.escalation) c.push(eb('items.escalation', '=', f.escalation))
      if (f.participant) c.push(sql<boolean>`${f.participant} = any(items.participants)`)
      if (f.q) c.push(tsq ? sql<boolean>`items.search @@ hubwork_search_query(${tsq})` : sql<boolean>`false`)
      return eb.and(c)
    })
    .orderBy(sql`items.created_at desc nulls last`)
    .orderBy('items.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
}

/** One item by id, with no access decided (the caller asks access.ts with its hub and flag). */
export async function findItem(db: Kysely<Database>, itemId: string): Promise<ItemRow | null> {
  const row = await db
    .selectFrom('items')
    .leftJoin('users', 'users.id', 'items.author_id')
    .selectAll('items')
    .select('users.name as author_name')
    .where('items.id', '=', itemId)
    .executeTakeFirst()
  return row ?? null
}
