/**
 * The server's error texts are for developers (`email: an account with this email exists`,
 * `hubId: Invalid input`); people read these instead. Unknown texts pass through, with their
 * field named in words; the code and raw text stay on the ApiError for logs and tests.
 */
const FIELD_NAMES: Record<string, string> = {
  email: 'E-mail address',
  password: 'Password',
  name: 'Name',
  title: 'Title',
  hubId: 'Hub',
  missionId: 'Mission',
  mission: 'Mission',
  role: 'Role',
  start: 'First day',
  end: 'Last day',
  briefDue: 'Briefs due',
  id: 'Id',
  body: 'Text',
}

const KNOWN: [RegExp, string][] = [
  [/^email: an account with this email exists/i, 'Someone already has an account with this e-mail address.'],
  [/^email: .*invalid/i, 'This does not look like an e-mail address.'],
  [/^password: .*(short|at least)/i, 'The password is too short: use at least 12 characters.'],
]

export function humanMessage(status: number, code: string, raw: string): string {
  for (const [re, text] of KNOWN) if (re.test(raw)) return text
  if (status === 0) return 'No connection to the server. Check the network and try again.'
  if (status === 401) return 'You are signed out. Sign in again to go on.'
  if (status === 403) return 'Your role does not allow this.'
  if (status === 429) return 'Too many attempts in a short time. Wait a minute and try again.'
  if (status >= 500) return 'The server ran into a problem. Try again in a moment; if it goes on, tell your administrator.'
  const m = raw.match(/^([A-Za-z][\w.]*): (.+)$/)
  if (m) {
    const field = FIELD_NAMES[m[1].split('.').pop()!] ?? m[1]
    const text = m[2].replace(/^Invalid input$/i, 'not valid')
    return `${field}: ${text.charAt(0).toLowerCase() + text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`
  }
  return raw
}
