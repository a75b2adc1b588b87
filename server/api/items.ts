import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.js'
import { can, canSeeHub } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { findItem, listItems } from '../rollup/item-queries.js'
import { findPeriod, itemsSource } from '../periods/period-store.js'
import { search } from '../rollup/search.js'
import { presentItem, presentSearchHit } from './present/items.js'
import { ItemsQuery, SearchQuery } from '../../shared/schemas/items.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'
import { moveEntryScope } from '../items/scope-move.js'
import { logDocName, parseDocName } from '../../shared/doc-names.js'
import { SCOPES } from '../../shared/scopes.js'

const ItemParams = z.object({ itemId: z.string().min(3).max(400) })
const ScopeInput = z.object({ scope: z.enum(SCOPES) })

/** `/api/items`: exchanges and actions projected from the hubs' logs. */
export const items = new Hono<AppEnv>()
  .get('/', validate('query', ItemsQuery), async (c) => {
    const actor = requireActor(c)
    const query = c.req.valid('query')
    // Asking for a hub one may not read is refused, not answered with a silent empty list.
    if (query.hubId && !canSeeHub(actor, query.hubId)) throw new ForbiddenError("you may not read this hub's items")
    // A locked period's drill-down lists what its frozen figures counted, overdue as of the lock.
    const period = query.period ? await findPeriod(c.var.db, query.period) : null
    const frozen = period?.frozen_at && period.locked_at ? period : null
    const rows = frozen
      ? await listItems(c.var.db, actor, query, new Date(frozen.locked_at!), itemsSource(frozen))
      : await listItems(c.var.db, actor, query)
    const counts = await c.var.deps.services.comments.counts(rows.map((i) => i.id))
    return c.json(rows.map((i) => presentItem(i, counts[i.id] ?? 0)))
  })
  .get('/:itemId', validate('param', ItemParams), async (c) => {
    const actor = requireActor(c)
    const item = await findItem(c.var.db, c.req.valid('param').itemId)
    if (!item) throw new NotFoundError('item')
    if (!can(actor, { kind: 'item', hubId: item.hub_id, crossCutting: item.cross_cutting, scope: item.scope }, 'read')) {
      throw new ForbiddenError('you may not read this item')
    }
    return c.json(presentItem(item))
  })
  /**
   * `PUT /api/items/:itemId/scope {scope}`: who may read an entry. Whoever may write the hub's log
   * moves it; the server moves it between the hub's log documents, live for every open client.
   */
  .put('/:itemId/scope', validate('param', ItemParams), validate('json', ScopeInput), async (c) => {
    const actor = requireActor(c)
    const item = await findItem(c.var.db, c.req.valid('param').itemId)
    if (!item) throw new NotFoundError('item')
    const log = parseDocName(logDocName(item.hub_id))!
    if (!can(actor, { kind: 'item', hubId: item.hub_id, crossCutting: item.cross_cutting, scope: item.scope }, 'read') || !can(actor, { kind: 'doc', doc: log }, 'write')) {
      throw new ForbiddenError("only the hub's staff may change who reads its entries")
    }
    const { scope } = c.req.valid('json')
    const { collab, live } = c.var.deps.services
    const from = item.scope
    await moveEntryScope(c.var.db, collab, { id: item.id, hubId: item.hub_id, kind: item.kind, entryId: item.entry_id, scope: from }, scope, { id: actor.id })
    if (from !== scope) {
      live.rollupsStale()
      await audit(c, { action: 'item.scope_changed', target: { type: 'item', id: item.id }, hubId: item.hub_id, details: { from, to: scope } })
    }
    const moved = await findItem(c.var.db, item.id)
    return c.json({ item: presentItem(moved ?? { ...item, scope }) })
  })

/** `/api/search?q=`: briefs, notes, items and comments the caller may read, ranked, with marked snippets. */
export const searchRoute = new Hono<AppEnv>().get('/', validate('query', SearchQuery), async (c) => {
  const actor = requireActor(c)
  const { q, limit, ...filters } = c.req.valid('query')
  return c.json((await search(c.var.db, actor, q, limit, filters)).map(presentSearchHit))
})
