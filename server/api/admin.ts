import { Hono } from 'hono'
import { randomBytes } from 'node:crypto'
import type { AppEnv } from '../app-env.js'
import { can } from '../access.js'
import { requireActor } from '../auth/session-middleware.js'
import { hashPassword } from '../auth/passwords.js'
import { ForbiddenError } from '../errors.js'
import { createHub, createMission, findHub } from '../db/hub-repo.js'
import { createUser } from '../db/user-repo.js'
import { HubParams } from '../../shared/schemas/common.js'
import { NewHubInput, NewMissionInput, NewUserInput } from '../../shared/schemas/hubs.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'
import { listAudit } from '../audit/audit.js'
import { z } from 'zod'

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
const AuditQuery = z.object({
  actor: z.string().max(320).optional(),
  action: z.string().max(64).optional(),
  hubId: z.string().max(64).optional(),
  from: Day.optional(),
  to: Day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
})

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`

/** `/api/admin`: the platform's administration (role admin, decided by access.ts). */
export const admin = new Hono<AppEnv>()
  .use('*', async function requireAdmin(c, next) {
    if (!can(requireActor(c), { kind: 'admin' }, 'write')) throw new ForbiddenError('admins only')
    await next()
  })
  .post('/users', validate('json', NewUserInput), async (c) => {
    const input = c.req.valid('json')
    const id = newId('u')
    await createUser(c.var.db, {
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: await hashPassword(input.password),
    })
    c.var.deps.logger.info({ actorId: c.var.actor?.id, userId: id }, 'user created')
    await audit(c, { action: 'user.created', target: { type: 'user', id }, details: { email: input.email.toLowerCase(), role: input.role } })
    return c.json({ id, email: input.email.toLowerCase(), name: input.name, role: input.role }, 201)
  })
  .post('/hubs', validate('json', NewHubInput), async (c) => {
    const input = c.req.valid('json')
    const id = input.id ?? `hub-${input.country.toLowerCase()}-${randomBytes(3).toString('hex')}`
    await createHub(c.var.db, {
      id,
      name: input.name,
      country: input.country,
      country_name: input.countryName,
      region: input.region,
      city: input.city ?? null,
      focal_point_user_id: null,
    })
    await audit(c, { action: 'hub.created', target: { type: 'hub', id }, hubId: id, details: { name: input.name } })
    return c.json({ id }, 201)
  })
  .post('/hubs/:hubId/missions', validate('param', HubParams), validate('json', NewMissionInput), async (c) => {
    const { hubId } = c.req.valid('param')
    await findHub(c.var.db, hubId)
    const input = c.req.valid('json')
    const id = input.id ?? `${hubId}-${input.code.toLowerCase()}`
    await createMission(c.var.db, {
      id,
      hub_id: hubId,
      code: input.code,
      kind: input.code === 'EU' ? 'eu_delegation' : 'ms_embassy',
      name: input.name,
      city: input.city ?? null,
    })
    await audit(c, { action: 'mission.created', target: { type: 'mission', id }, hubId, details: { code: input.code } })
    return c.json({ id, code: input.code }, 201)
  })
  .get('/audit', validate('query', AuditQuery), async (c) => c.json(await listAudit(c.var.db, c.req.valid('query'))))
