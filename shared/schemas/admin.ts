import { z } from 'zod'
import { ROLES } from '../roles.js'

/** What `/api/admin/…` answers (admins only), as both sides see it. */

/** A row of `GET /api/admin/users`. */
export const AdminUserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** Every role held; `role` is the first. */
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
  /** How many hubs the user is a member of. */
  memberships: z.number().int(),
  /** The hubs the user is a member of (ids; the client names them from the hub list). */
  hubIds: z.array(z.string()),
  createdAt: z.string(),
})
export type AdminUserView = z.infer<typeof AdminUserView>

/** `POST /api/admin/users` (201). */
export const UserCreatedView = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES) })
export type UserCreatedView = z.infer<typeof UserCreatedView>

/** `POST /api/admin/users/invite` (201) and, without `id`, `POST …/users/:userId/reset`. */
/** `mailed`: the link was also queued as an e-mail to the person (when the deployment sends mail). */
export const PasswordLinkView = z.object({ id: z.string().optional(), link: z.string(), mailed: z.boolean() })
export type PasswordLinkView = z.infer<typeof PasswordLinkView>

/** `PATCH /api/admin/users/:userId`. */
export const RoleChangedView = z.object({ id: z.string(), role: z.enum(ROLES), roles: z.array(z.enum(ROLES)) })

/** `PATCH /api/admin/users/:userId`: one role (as before) or several (the first becomes `role`). */
export const RoleChange = z.union([
  z.strictObject({ role: z.enum(ROLES) }),
  z.strictObject({ roles: z.array(z.enum(ROLES)).min(1, 'needs at least one role').max(ROLES.length) }),
])
export type RoleChangedView = z.infer<typeof RoleChangedView>

/** `POST /api/admin/hubs` (201). */
export const HubCreatedView = z.object({ id: z.string() })
export type HubCreatedView = z.infer<typeof HubCreatedView>

/** `POST /api/admin/hubs/:hubId/missions` (201). */
export const MissionCreatedView = z.object({ id: z.string(), code: z.string() })
export type MissionCreatedView = z.infer<typeof MissionCreatedView>

/** A row of `GET /api/admin/audit`, newest first. */
export const AuditEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  hubId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** The actor's name now (null: no account, or deleted). */
  actorName: z.string().nullable(),
  /** The target by name: a user's or hub's name, a note's title, a period's id (null: none, or gone). */
  targetName: z.string().nullable(),
  hubName: z.string().nullable(),
})
export type AuditEventView = z.infer<typeof AuditEventView>
