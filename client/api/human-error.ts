import { t, type MessageId } from '../i18n/intl'

/**
 * The server's error texts are for developers (`email: an account with this email exists`,
 * `hubId: Invalid input`); people read these instead. Unknown texts pass through, with their
 * field named in words; the code and raw text stay on the ApiError for logs and tests.
 */
const FIELD_NAMES: Record<string, MessageId> = {
  email: 'field.email',
  password: 'field.password',
  name: 'field.name',
  title: 'field.title',
  hubId: 'field.hubId',
  missionId: 'field.mission',
  mission: 'field.mission',
  role: 'field.role',
  start: 'field.start',
  end: 'field.end',
  briefDue: 'field.briefDue',
  id: 'field.id',
  body: 'field.body',
}

const KNOWN: [RegExp, MessageId][] = [
  [/^email: an account with this email exists/i, 'error.exists'],
  [/^email: .*invalid/i, 'error.badEmail'],
  [/^password: .*(short|at least)/i, 'error.shortPassword'],
  [/^hub \S+ already has mission/i, 'error.missionExists'],
  [/^hub \S+ already exists/i, 'error.hubExists'],
  [/^period \S+ exists already/i, 'error.periodExists'],
  [/^period \S+ is locked already/i, 'error.periodLockedAlready'],
  [/^you cannot disable your own account/i, 'error.disableSelf'],
  [/^you cannot lower your own role/i, 'error.lowerOwnRole'],
]

export function humanMessage(status: number, code: string, raw: string): string {
  for (const [re, id] of KNOWN) if (re.test(raw)) return t(id)
  if (status === 0) return t('error.network')
  if (status === 401) return t('error.signedOut')
  if (status === 403) return t('error.forbidden')
  if (status === 429) return t('error.tooMany')
  if (status >= 500) return t('error.server')
  const m = raw.match(/^([A-Za-z][\w.]*): (.+)$/)
  if (m) {
    const known = FIELD_NAMES[m[1].split('.').pop()!]
    const field = known ? t(known) : m[1]
    const text = m[2].replace(/^Invalid input$/i, t('error.notValid'))
    return t('error.field', { field, text: `${text.charAt(0).toLowerCase() + text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}` })
  }
  return raw
}
