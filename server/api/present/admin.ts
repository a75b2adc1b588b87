import { asRoles } from '../../../shared/roles.js'
import type { AdminUserView, AuditEventView } from '../../../shared/schemas/admin.js'
import type { AuditEventRow } from '../../audit/audit.js'
import type { AuditNames } from '../../audit/audit-names.js'
import type { User } from '../../db/schema.js'
import { iso } from './iso.js'

/** A user in the administration's list, with how many hubs they belong to. */
export function presentAdminUser(
  u: Pick<User, 'id' | 'email' | 'name' | 'role' | 'disabled_at' | 'created_at'> & { roles?: User['roles'] | null; memberships: number | string | null },
  hubIds: string[] = [],
): AdminUserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    roles: asRoles(u.roles, u.role),
    disabled: !!u.disabled_at,
    memberships: Number(u.memberships ?? 0),
    hubIds,
    createdAt: iso(u.created_at),
  }
}

/** An audit event; `details` stays the JSON it was recorded with. The names are resolved now (see audit-names.ts). */
export function presentAuditEvent(r: AuditEventRow, names?: AuditNames): AuditEventView {
  return {
    id: Number(r.id),
    at: iso(r.at),
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    hubId: r.hub_id,
    ip: r.ip,
    details: r.details,
    actorName: (r.actor_id && names?.actor.get(r.actor_id)) || null,
    targetName: (r.target_type && r.target_id && names?.target.get(`${r.target_type}:${r.target_id}`)) || null,
    hubName: (r.hub_id && names?.hub.get(r.hub_id)) || null,
  }
}
