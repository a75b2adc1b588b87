import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { can, type Actor } from '../../shared/access.js'
import { loadActor } from '../auth/session-store.js'
import type { AnyMailKind } from '../../shared/schemas/mail.js'
import type { MailRequest } from './mail-queue.js'

/**
 * Renders a queued mail for its recipient, at send time. What a mail may carry: titles, names,
 * dates and links, never a body (no record text, no comment, no review note), and a title only
 * when the recipient may read that record in the app NOW (shared/access.ts), and never the title of
 * a record of scope `hub` (kept among the hub's missions; an e-mail leaves the app).
 */

/** One notification as a mail shows it: a line and where it leads. */
export interface MailLine {
  text: string
  url: string
}

export interface RenderedMail {
  subject: string
  lines: MailLine[]
  /** For invitations and resets: the one-time link, shown on its own. */
  intro?: string
}

type Payload = Omit<MailRequest, 'kind' | 'userId' | 'dedupeKey'>

async function nameOf(db: Kysely<Database>, userId: string | null | undefined): Promise<string> {
  if (!userId) return 'Someone'
  return (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? 'Someone'
}

/** The item as the recipient may see it in a mail, or null when they may not read it (any more). */
async function itemFor(db: Kysely<Database>, reader: Actor, itemId: string | undefined) {
  if (!itemId) return null
  const item = await db.selectFrom('items').select(['id', 'hub_id', 'title', 'scope', 'cross_cutting', 'kind']).where('id', '=', itemId).executeTakeFirst()
  if (!item) return null
  if (!can(reader, { kind: 'item', hubId: item.hub_id, crossCutting: item.cross_cutting, scope: item.scope }, 'read')) return null
  const label = item.scope === 'hub' ? `an ${item.kind === 'action' ? 'action' : 'exchange'} kept within the hub` : `“${item.title.slice(0, 200)}”`
  return { ...item, label }
}

async function hubFor(db: Kysely<Database>, reader: Actor, hubId: string | undefined) {
  if (!hubId || !can(reader, { kind: 'hub', hubId }, 'read')) return null
  return db.selectFrom('hubs').select(['id', 'name']).where('id', '=', hubId).executeTakeFirst()
}

/**
 * One notification as a line, or null when the recipient may no longer read what it is about (then
 * nothing is said about it at all).
 */
export async function renderLine(db: Kysely<Database>, reader: Actor, origin: string, kind: AnyMailKind, p: Payload): Promise<MailLine | null> {
  switch (kind) {
    case 'mention':
    case 'reply':
    case 'input_request':
    case 'input_provided': {
      const item = await itemFor(db, reader, p.itemId)
      if (!item) return null
      const who = await nameOf(db, p.actorId)
      const what = {
        mention: `${who} mentioned you in a comment on ${item.label}`,
        reply: `${who} replied in the thread on ${item.label}`,
        input_request: `${who} asks the cyber ambassadors for input on ${item.label}`,
        input_provided: `${who} gave the input you asked for on ${item.label}`,
      }[kind]
      return { text: what, url: `${origin}/inbox` }
    }
    case 'action_overdue': {
      const item = await itemFor(db, reader, p.itemId)
      if (!item) return null
      return { text: `Your action ${item.label} was due on ${p.due} and is not done`, url: `${origin}/hubs/${encodeURIComponent(item.hub_id)}/actions` }
    }
    case 'brief_returned':
    case 'brief_acknowledged':
    case 'brief_due':
    case 'brief_overdue': {
      const hub = await hubFor(db, reader, p.hubId)
      if (!hub) return null
      const url = `${origin}/hubs/${encodeURIComponent(hub.id)}/brief`
      const period = p.periodId ?? ''
      if (kind === 'brief_returned') return { text: `${await nameOf(db, p.actorId)} (HQ) returned the ${hub.name} hub brief for ${period}: see what to change`, url }
      if (kind === 'brief_acknowledged') return { text: `${await nameOf(db, p.actorId)} (HQ) acknowledged the ${hub.name} hub brief for ${period}`, url }
      if (kind === 'brief_due') return { text: `The ${hub.name} hub brief for ${period} is due on ${p.due}`, url }
      return { text: `The ${hub.name} hub brief for ${period} was due on ${p.due} and is not submitted`, url }
    }
    default:
      return null
  }
}

const SUBJECTS: Partial<Record<AnyMailKind, string>> = {
  mention: 'You were mentioned',
  reply: 'A reply in a thread',
  input_request: 'Input requested',
  input_provided: 'Input provided',
  brief_returned: 'Hub brief returned',
  brief_acknowledged: 'Hub brief acknowledged',
  brief_due: 'Hub brief due in 7 days',
  brief_overdue: 'Hub brief overdue',
  action_overdue: 'Action overdue',
}

/**
 * A queued mail for its recipient, or null when there is nothing left they may be told (recipient
 * disabled, or no longer allowed to read what it is about).
 */
export async function renderMail(db: Kysely<Database>, origin: string, row: { id: number; user_id: string; kind: string; payload: Record<string, unknown> }): Promise<RenderedMail | null> {
  const reader = await loadActor(db, row.user_id)
  if (!reader) return null
  const kind = row.kind as AnyMailKind
  const p = row.payload as Payload
  if (kind === 'invite' || kind === 'password_reset') {
    if (!p.link) return null
    return kind === 'invite'
      ? { subject: 'You are invited to Hubwork', intro: `${await nameOf(db, p.actorId)} invited you to Hubwork, the shared workspace of the EU digital hubs. Choose your password with this link (valid 7 days, once):`, lines: [{ text: 'Choose your password', url: p.link }] }
      : { subject: 'Your Hubwork password was reset', intro: 'An administrator reset your Hubwork password. Choose a new one with this link (valid 7 days, once):', lines: [{ text: 'Choose a new password', url: p.link }] }
  }
  if (kind === 'digest') {
    const entries = await db.selectFrom('mail_digest_entries').select(['kind', 'payload']).where('outbox_id', '=', row.id).orderBy('id').execute()
    const lines: MailLine[] = []
    for (const e of entries) {
      const line = await renderLine(db, reader, origin, e.kind as AnyMailKind, e.payload as Payload)
      if (line) lines.push(line)
    }
    if (lines.length === 0) return null
    return { subject: `Your Hubwork digest: ${lines.length} ${lines.length === 1 ? 'update' : 'updates'}`, lines }
  }
  const line = await renderLine(db, reader, origin, kind, p)
  if (!line) return null
  return { subject: SUBJECTS[kind] ?? 'Hubwork', lines: [line] }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** The plain-text and HTML parts of a rendered mail, with its unsubscribe link (when the kind has one). */
export function mailParts(m: RenderedMail, unsubscribeUrl: string | null, settingsUrl: string): { text: string; html: string } {
  const text = [
    m.intro ?? '',
    ...m.lines.map((l) => `- ${l.text}\n  ${l.url}`),
    '',
    '--',
    'Hubwork: the shared workspace of the EU digital hubs.',
    `Choose which mails you get: ${settingsUrl}`,
    unsubscribeUrl ? `Stop these mails: ${unsubscribeUrl}` : '',
  ].filter((l, i) => l !== '' || i > 0).join('\n')
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
${m.intro ? `<p>${escapeHtml(m.intro)}</p>` : ''}<ul>${m.lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></li>`).join('')}</ul>
<hr><p style="font-size:12px;color:#555">Hubwork: the shared workspace of the EU digital hubs. <a href="${escapeHtml(settingsUrl)}">Choose which mails you get</a>${unsubscribeUrl ? ` · <a href="${escapeHtml(unsubscribeUrl)}">Stop these mails</a>` : ''}</p>
</body></html>`
  return { text, html }
}
