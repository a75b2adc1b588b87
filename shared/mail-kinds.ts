/**
 * The kinds of mail and the choices about them, without zod: the account page imports these, and
 * zod (~25 kB gzipped) stays out of the browser's bundle. The wire schemas are in schemas/mail.ts.
 */

/** The kinds of mail a person chooses about (invitations and password resets always go at once). */
export const MAIL_KINDS = [
  'mention',
  'reply',
  'input_request',
  'input_provided',
  'brief_returned',
  'brief_acknowledged',
  'brief_due',
  'brief_overdue',
  'action_overdue',
] as const
export type MailKind = (typeof MAIL_KINDS)[number]
/** Every kind of mail, the account ones included. */
export type AnyMailKind = MailKind | 'invite' | 'password_reset' | 'digest'

export const MAIL_MODES = ['immediate', 'digest', 'never'] as const
export type MailMode = (typeof MAIL_MODES)[number]

/** What a person gets before choosing: what needs them at once; replies, in the daily digest. */
export const DEFAULT_MAIL_MODES: Record<MailKind, MailMode> = {
  mention: 'immediate',
  reply: 'digest',
  input_request: 'immediate',
  input_provided: 'immediate',
  brief_returned: 'immediate',
  brief_acknowledged: 'immediate',
  brief_due: 'immediate',
  brief_overdue: 'immediate',
  action_overdue: 'digest',
}

/** What each kind is about, for the account page. */
export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  mention: 'Someone mentions me in a comment',
  reply: 'Someone replies in a thread I wrote in',
  input_request: 'A hub asks the cyber ambassadors for input',
  input_provided: 'A cyber ambassador answers my request for input',
  brief_returned: 'HQ returns our hub brief',
  brief_acknowledged: 'HQ acknowledges our hub brief',
  brief_due: 'Our hub brief is due within 7 days',
  brief_overdue: 'Our hub brief is overdue',
  action_overdue: 'An action I created is overdue',
}
