import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { can, readScope } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError } from '../errors.js'
import { computeRollup } from '../rollup/rollup.js'
import { RollupRequest } from '../../shared/schemas/rollup.js'
import { resolveRollupRequest } from '../periods/period-query.js'
import { validate } from './validate.js'

/** `GET /api/rollup?from&to|period[&region&theme]`: hq and admin all hubs, staff their own, cyber the cross-cutting view. */
export const rollupRoute = new Hono<AppEnv>().get('/', validate('query', RollupRequest), async (c) => {
  const actor = requireActor(c)
  if (!can(actor, { kind: 'rollup' }, 'read')) throw new ForbiddenError('you may not read roll-ups')
  const scope = readScope(actor)
  const resolved = await resolveRollupRequest(c.var.db, c.req.valid('query'))
  const asOf = resolved.asOf.toISOString().slice(0, 10)
  const compute = () => computeRollup(c.var.db, actor, resolved.query, resolved.asOf, resolved.sources, { facts: c.var.deps.services.rollupFacts })
  const frozen = resolved.period?.frozen_at ? resolved.period.id : null
  return c.json(await c.var.deps.services.rollupCache.get(JSON.stringify([scope, resolved.query, asOf, frozen]), compute))
})
