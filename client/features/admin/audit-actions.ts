import type { MessageId } from '../../i18n/intl'

/**
 * The audit trail's actions as people read them (the picker of the audit filter lists these). A
 * unit test keeps this list equal to the server's AUDIT_ACTIONS: a new action needs its label.
 */
export const AUDIT_ACTION_LABELS: Record<string, MessageId> = {
  'auth.login': 'audit.act.auth.login',
  'auth.login_failed': 'audit.act.auth.login_failed',
  'auth.sso_refused': 'audit.act.auth.sso_refused',
  'auth.logout': 'audit.act.auth.logout',
  'auth.password_changed': 'audit.act.auth.password_changed',
  'session.ended': 'audit.act.session.ended',
  'user.created': 'audit.act.user.created',
  'user.invited': 'audit.act.user.invited',
  'user.disabled': 'audit.act.user.disabled',
  'user.enabled': 'audit.act.user.enabled',
  'user.password_reset': 'audit.act.user.password_reset',
  'user.role_changed': 'audit.act.user.role_changed',
  'auth.password_set': 'audit.act.auth.password_set',
  'hub.created': 'audit.act.hub.created',
  'mission.created': 'audit.act.mission.created',
  'membership.added': 'audit.act.membership.added',
  'membership.changed': 'audit.act.membership.changed',
  'membership.removed': 'audit.act.membership.removed',
  'focal_point.set': 'audit.act.focal_point.set',
  'doc.restored': 'audit.act.doc.restored',
  'log_entry.restored': 'audit.act.log_entry.restored',
  'report.generated': 'audit.act.report.generated',
  'doc.exported': 'audit.act.doc.exported',
  'item.scope_changed': 'audit.act.item.scope_changed',
  'note.scope_changed': 'audit.act.note.scope_changed',
  'period.created': 'audit.act.period.created',
  'period.locked': 'audit.act.period.locked',
  'brief.submitted': 'audit.act.brief.submitted',
  'brief.acknowledged': 'audit.act.brief.acknowledged',
  'brief.returned': 'audit.act.brief.returned',
  'gg_project.created': 'audit.act.gg_project.created',
  'gg_project.updated': 'audit.act.gg_project.updated',
}

/** The kinds of target, for one whose name is gone. */
export const TARGET_TYPE_LABELS: Record<string, MessageId> = {
  user: 'audit.target.user',
  hub: 'audit.target.hub',
  mission: 'audit.target.mission',
  period: 'audit.target.period',
  brief: 'audit.target.brief',
  note: 'audit.target.note',
  item: 'audit.target.item',
  exchange: 'audit.target.exchange',
  action: 'audit.target.action',
  doc: 'audit.target.doc',
  gg_project: 'audit.target.gg_project',
  session: 'audit.target.session',
}
