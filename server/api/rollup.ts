import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { can, readScope } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError } from '../errors.js'
import { computeRollup } from '../rollup/rollup.js'
import { RollupQuery } from '../../shared/schemas/rollup.js'
import { validate } from './validate.js'

/** `GET /api/rollup?from&to[&region&theme]`: hq and admin all hubs, staff their own, cyber the cross-cutting view. */
export const rollupRoute = new Hono<AppEnv>().get('/', validate('query', RollupQuery), async (c) => {
  const actor = requireActor(c)
  if (!can(actor, { kind: 'rollup' }, 'read')) throw new ForbiddenError('you may not read roll-ups')
  const scope = readScope(actor)
  const query = c.req.valid('query')
  const asOf = new Date().toISOString().slice(0, 10)
  const compute = () => computeRollup(c.var.db, actor, query)
  return c.json(await c.var.deps.services.rollupCache.get(JSON.stringify([scope, query, asOf]), compute))
})
