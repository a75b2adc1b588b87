import { sql, type Kysely, type Selectable } from 'kysely'
import type { AuditEventTable, Database } from '../db/schema.js'
import type { Logger } from '../logger.js'

/** What the audit trail records. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.sso_refused',
  'auth.logout',
  'auth.password_changed',
  'session.ended',
  'user.created',
  'user.invited',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'user.role_changed',
  'auth.password_set',
  'hub.created',
  'mission.created',
  'membership.added',
  'membership.changed',
  'membership.removed',
  'focal_point.set',
  'doc.restored',
  'log_entry.restored',
  'report.generated',
  'doc.exported',
  'item.scope_changed',
  'note.scope_changed',
  'period.created',
  'period.locked',
  'brief.submitted',
  'brief.acknowledged',
  'brief.returned',
  'gg_project.created',
  'gg_project.updated',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEvent {
  action: AuditAction
  actor?: { id: string; email: string } | null
  /** The e-mail typed, when there is no actor (failed sign-in). */
  actorEmail?: string
  target?: { type: string; id: string }
  hubId?: string | null
  ip?: string | null
  details?: Record<string, unknown>
}

/**
 * Appends one event. Never throws into the action it records: an audit failure is logged loudly,
 * the person's action has already happened.
 */
export async function recordAudit(db: Kysely<Database>, e: AuditEvent, logger?: Logger): Promise<void> {
  try {
    await db
      .insertInto('audit_events')
      .values({
        action: e.action,
        actor_id: e.actor?.id ?? null,
        actor_email: e.actor?.email ?? e.actorEmail?.slice(0, 320) ?? null,
        target_type: e.target?.type ?? null,
        target_id: e.target?.id ?? null,
        hub_id: e.hubId ?? null,
        ip: e.ip ?? null,
        details: JSON.stringify(e.details ?? {}),
      })
      .execute()
  } catch (err) {
    logger?.error({ err: (err as Error).message, action: e.action }, 'audit event NOT recorded')
  }
}

/** A stored audit event. */
export type AuditEventRow = Selectable<AuditEventTable>

/** Audit events, newest first, filtered (admin viewer). */
export async function listAudit(
  db: Kysely<Database>,
  f: { actor?: string; action?: string; hubId?: string; from?: string; to?: string; limit: number; before?: number },
): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(f.limit)
  if (f.actor) q = q.where((eb) => eb.or([eb('actor_id', '=', f.actor!), eb('actor_email', '=', f.actor!.toLowerCase())]))
  if (f.action) q = q.where('action', '=', f.action)
  if (f.hubId) q = q.where('hub_id', '=', f.hubId)
  if (f.from) q = q.where('at', '>=', new Date(`${f.from}T00:00:00Z`))
  if (f.to) q = q.where('at', '<', new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000))
  if (f.before) q = q.where('id', '<', f.before)
  return q.execute()
}

/** Deletes events older than the retention period: the one deletion the append-only trigger allows. */
export async function purgeAudit(db: Kysely<Database>, retentionDays: number, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('hubwork.audit_purge', 'on', true)`.execute(trx)
    const res = await trx.deleteFrom('audit_events').where('at', '<', new Date(now.getTime() - retentionDays * 86_400_000)).executeTakeFirst()
    return Number(res.numDeletedRows)
  })
}
