import { Hono } from 'hono'
import { randomBytes } from 'node:crypto'
import type { AppEnv } from '../app-env.js'
import { can } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { hashPassword } from '../auth/passwords.js'
import { ForbiddenError } from '../errors.js'
import { createHub, createMission, findHub } from '../db/hub-repo.js'
import { createUser, findUser, listUsers } from '../db/user-repo.js'
import { issuePasswordToken } from '../auth/password-tokens.js'
import { enqueueMail } from '../mail/mail-queue.js'
import { failedMail } from '../mail/mail-retention.js'
import type { FailedMailView } from '../../shared/schemas/mail.js'
import { deleteUserSessions } from '../auth/session-store.js'
import type { Context } from 'hono'
import { Day, HubParams } from '../../shared/schemas/common.js'
import { NewHubInput, NewMissionInput, NewUserInput } from '../../shared/schemas/hubs.js'
import { storeNewHubBrief } from '../hubs/new-hub-brief.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'
import { listAudit } from '../audit/audit.js'
import { nameAuditEvents } from '../audit/audit-names.js'
import { z } from 'zod'
import { presentAdminUser, presentAuditEvent } from './present/admin.js'
import { RoleChange } from '../../shared/schemas/admin.js'
import type {
  AdminUserView,
  AuditEventView,
  HubCreatedView,
  MissionCreatedView,
  PasswordLinkView,
  RoleChangedView,
  UserCreatedView,
} from '../../shared/schemas/admin.js'

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
const InviteInput = NewUserInput.omit({ password: true })
const UserParams = z.object({ userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a user id') })
const setPasswordLink = (origin: string, token: string) => `${origin}/set-password?token=${token}`

/** Ends every session of a user and closes their sockets at once (disable, reset). */
async function endEverything(c: Context<AppEnv>, userId: string) {
  await deleteUserSessions(c.var.db, userId)
  c.var.deps.services.live.accessLost(userId)
}

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
    return c.json({ id, email: input.email.toLowerCase(), name: input.name, role: input.role } satisfies UserCreatedView, 201)
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
    await storeNewHubBrief(c.var.db, id)
    await audit(c, { action: 'hub.created', target: { type: 'hub', id }, hubId: id, details: { name: input.name } })
    return c.json({ id } satisfies HubCreatedView, 201)
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
    return c.json({ id, code: input.code } satisfies MissionCreatedView, 201)
  })
  .get('/audit', validate('query', AuditQuery), async (c) => {
    const rows = await listAudit(c.var.db, c.req.valid('query'))
    const names = await nameAuditEvents(c.var.db, rows)
    return c.json(rows.map((r) => presentAuditEvent(r, names)) satisfies AuditEventView[])
  })
  // Mail given up after every retry, kept 90 days so someone can see who was not told (mail-retention.ts).
  .get('/mail/failed', async (c) => {
    const body: FailedMailView = await failedMail(c.var.db)
    return c.json(body)
  })
  .get('/users', validate('query', z.object({ q: z.string().max(200).optional() })), async (c) => {
    const users = await listUsers(c.var.db, c.req.valid('query').q)
    // The hubs of this page's users in one read (the users section filters by hub).
    const rows = users.length ? await c.var.db.selectFrom('memberships').select(['user_id', 'hub_id']).where('user_id', 'in', users.map((u) => u.id)).execute() : []
    const hubs = new Map<string, string[]>()
    for (const r of rows) hubs.set(r.user_id, [...(hubs.get(r.user_id) ?? []), r.hub_id])
    return c.json(users.map((u) => presentAdminUser(u, [...new Set(hubs.get(u.id) ?? [])].sort())) satisfies AdminUserView[])
  })
  .post('/users/invite', validate('json', InviteInput), async (c) => {
    const input = c.req.valid('json')
    const id = newId('u')
    // No usable password until the invitee sets one through the link.
    await createUser(c.var.db, { id, email: input.email, name: input.name, role: input.role, password_hash: await hashPassword(randomBytes(32).toString('base64url')) })
    const token = await issuePasswordToken(c.var.db, id, 'invite', requireActor(c).id)
    const link = setPasswordLink(c.var.deps.config.publicOrigin, token)
    // With SMTP configured the invitee gets the link by mail; the admin still sees it (to pass on by hand otherwise).
    const mailed = (await enqueueMail(c.var.db, { kind: 'invite', userId: id, actorId: requireActor(c).id, link })) !== 'none'
    await audit(c, { action: 'user.invited', target: { type: 'user', id }, details: { email: input.email.toLowerCase(), role: input.role } })
    return c.json({ id, link, mailed } satisfies PasswordLinkView, 201)
  })
  .post('/users/:userId/reset', validate('param', UserParams), async (c) => {
    const { userId } = c.req.valid('param')
    await findUser(c.var.db, userId)
    const token = await issuePasswordToken(c.var.db, userId, 'reset', requireActor(c).id)
    // A reset means the old password may be known to someone else: it stops working now, with every
    // session, not when the user follows the link.
    await c.var.db.updateTable('users').set({ password_hash: await hashPassword(randomBytes(32).toString('base64url')) }).where('id', '=', userId).execute()
    await endEverything(c, userId)
    await audit(c, { action: 'user.password_reset', target: { type: 'user', id: userId } })
    const link = setPasswordLink(c.var.deps.config.publicOrigin, token)
    const mailed = (await enqueueMail(c.var.db, { kind: 'password_reset', userId, actorId: requireActor(c).id, link })) !== 'none'
    return c.json({ link, mailed } satisfies PasswordLinkView)
  })
  .post('/users/:userId/disable', validate('param', UserParams), async (c) => {
    const { userId } = c.req.valid('param')
    if (userId === requireActor(c).id) throw new ForbiddenError('you cannot disable your own account')
    await findUser(c.var.db, userId)
    await c.var.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', userId).execute()
    await endEverything(c, userId)
    await audit(c, { action: 'user.disabled', target: { type: 'user', id: userId } })
    return c.body(null, 204)
  })
  .post('/users/:userId/enable', validate('param', UserParams), async (c) => {
    const { userId } = c.req.valid('param')
    await findUser(c.var.db, userId)
    await c.var.db.updateTable('users').set({ disabled_at: null }).where('id', '=', userId).execute()
    await audit(c, { action: 'user.enabled', target: { type: 'user', id: userId } })
    return c.body(null, 204)
  })
  .patch('/users/:userId', validate('param', UserParams), validate('json', RoleChange), async (c) => {
    const { userId } = c.req.valid('param')
    const user = await findUser(c.var.db, userId)
    const body = c.req.valid('json')
    const roles = 'roles' in body ? [...new Set(body.roles)] : [body.role]
    const role = roles[0]
    if (userId === requireActor(c).id && !roles.includes('admin')) throw new ForbiddenError('you cannot lower your own role')
    await c.var.db.updateTable('users').set({ role, roles }).where('id', '=', userId).execute()
    // Open sockets were authorized for the old role: they close now and reconnect under the new one.
    c.var.deps.services.live.accessLost(userId)
    await audit(c, { action: 'user.role_changed', target: { type: 'user', id: userId }, details: { from: user.role, to: role, fromRoles: user.roles, toRoles: roles } })
    return c.json({ id: userId, role, roles } satisfies RoleChangedView)
  })
