import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AuditEventRow } from './audit.js'

/** The names an audit page shows instead of ids: who acted, what was acted on, in which hub. */
export interface AuditNames {
  actor: Map<string, string>
  hub: Map<string, string>
  /** By `${targetType}:${targetId}`. */
  target: Map<string, string>
}

const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))]

/**
 * Resolves the names of one page of events in a handful of batched reads (one per kind of
 * target), never one per row. A target deleted since keeps only its id (the name is null).
 */
export async function nameAuditEvents(db: Kysely<Database>, rows: AuditEventRow[]): Promise<AuditNames> {
  const ids = (type: string) => uniq(rows.filter((r) => r.target_type === type).map((r) => r.target_id))
  const userIds = uniq([...rows.map((r) => r.actor_id), ...ids('user')])
  // A brief's target id is `<hubId>/<periodId>`: its hub is named too.
  const briefs = ids('brief').map((id) => ({ id, hubId: id.split('/')[0], periodId: id.split('/').slice(1).join('/') }))
  const hubIds = uniq([...rows.map((r) => r.hub_id), ...ids('hub'), ...briefs.map((b) => b.hubId)])
  const entryIds = uniq([...ids('exchange'), ...ids('action')])
  const [users, hubs, missions, notes, items, entries, projects] = await Promise.all([
    userIds.length ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : [],
    hubIds.length ? db.selectFrom('hubs').select(['id', 'name']).where('id', 'in', hubIds).execute() : [],
    ids('mission').length ? db.selectFrom('missions').select(['id', 'name']).where('id', 'in', ids('mission')).execute() : [],
    ids('note').length ? db.selectFrom('notes').select(['id', 'title as name']).where('id', 'in', ids('note')).execute() : [],
    ids('item').length ? db.selectFrom('items').select(['id', 'title as name']).where('id', 'in', ids('item')).execute() : [],
    entryIds.length ? db.selectFrom('items').select(['entry_id as id', 'title as name']).where('entry_id', 'in', entryIds).execute() : [],
    ids('gg_project').length ? db.selectFrom('gg_projects').select(['id', 'name']).where('id', 'in', ids('gg_project')).execute() : [],
  ])
  const byId = (list: { id: string; name: string }[]) => new Map(list.map((x) => [x.id, x.name]))
  const user = byId(users)
  const hub = byId(hubs)
  const target = new Map<string, string>()
  const put = (type: string, names: Map<string, string>) => names.forEach((name, id) => target.set(`${type}:${id}`, name))
  put('user', user)
  put('hub', hub)
  put('mission', byId(missions))
  put('note', byId(notes))
  put('item', byId(items))
  put('exchange', byId(entries))
  put('action', byId(entries))
  put('gg_project', byId(projects))
  // A period is named by its id (2026-H2); a brief by its hub and period.
  for (const id of ids('period')) target.set(`period:${id}`, id)
  for (const b of briefs) target.set(`brief:${b.id}`, `${hub.get(b.hubId) ?? b.hubId} · ${b.periodId}`)
  return { actor: user, hub, target }
}
