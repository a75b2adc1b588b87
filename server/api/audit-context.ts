import type { Context } from 'hono'
import type { AppEnv } from '../app-env.js'
import { recordAudit, type AuditEvent } from '../audit/audit.js'
import { clientAddress } from './client-address.js'

/** Records an audit event for this request: the signed-in actor and the client address filled in. */
export function audit(c: Context<AppEnv>, e: Omit<AuditEvent, 'ip'>): Promise<void> {
  const actor = c.var.actor
  return recordAudit(
    c.var.db,
    { ...e, actor: e.actor === undefined ? (actor ? { id: actor.id, email: actor.email } : null) : e.actor, ip: clientAddress(c) },
    c.var.deps.logger,
  )
}
