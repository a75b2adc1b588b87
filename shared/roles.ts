/** The four account roles. A hub coordinator is a staff membership flag, not a role. */
export const ROLES = ['staff', 'hq', 'cyber', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** What an actor may do with a resource, as decided by shared/access.ts. */
export type Permission = 'write' | 'comment' | 'read' | 'none'

/** A stored `roles` list as roles (unknown values dropped); `role` alone when none is left. */
export function asRoles(values: readonly string[] | null | undefined, role: Role): Role[] {
  const roles = (values ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r))
  return roles.length ? roles : [role]
}
