import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { can, canCommentOnDoc, type Actor } from '../../shared/access.js'
import { parseDocName } from '../../shared/doc-names.js'
import { loadActor } from '../auth/session-store.js'
import { docResource } from '../db/doc-exists.js'
import type { AnyMailKind } from '../../shared/schemas/mail.js'
import type { Language } from '../../shared/languages.js'
import type { MessageId } from '../i18n/messages/en.js'
import { translator, type Translator } from '../i18n/intl.js'
import type { MailRequest } from './mail-queue.js'

/**
 * Renders a queued mail for its recipient, at send time, in the recipient's language
 * (`users.language`; English when they chose none). What a mail may carry: titles, names,
 * dates and links, never a body (no record text, no comment, no review note), and a title only
 * when the recipient may read that record in the app NOW (shared/access.ts), and never the title of
 * a record of scope `hub` (kept among the hub's missions; an e-mail leaves the app). A comment
 * anchored in a hub document is named by its document (brief or note of which hub), never by the
 * note's title or the passage, and only to someone who may read that document now.
 */

/** One notification as a mail shows it: a line and where it leads. */
export interface MailLine {
  text: string
  url: string
}

export interface RenderedMail {
  /** The recipient's language: the footer and the subject line are written in it too. */
  language: Language
  subject: string
  lines: MailLine[]
  /** For invitations and resets: the one-time link, shown on its own. */
  intro?: string
}

type Payload = Omit<MailRequest, 'kind' | 'userId' | 'dedupeKey'>

async function nameOf(db: Kysely<Database>, tr: Translator, userId: string | null | undefined): Promise<string> {
  const someone = tr.t('mail.someone')
  if (!userId) return someone
  return (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? someone
}

/** The item as the recipient may see it in a mail, or null when they may not read it (any more). */
async function itemFor(db: Kysely<Database>, reader: Actor, tr: Translator, itemId: string | undefined) {
  if (!itemId) return null
  const item = await db.selectFrom('items').select(['id', 'hub_id', 'title', 'scope', 'cross_cutting', 'kind']).where('id', '=', itemId).executeTakeFirst()
  if (!item) return null
  if (!can(reader, { kind: 'item', hubId: item.hub_id, crossCutting: item.cross_cutting, scope: item.scope }, 'read')) return null
  const label =
    item.scope === 'hub' ? tr.t(item.kind === 'action' ? 'mail.item.hubOnlyAction' : 'mail.item.hubOnlyExchange') : tr.t('mail.item.quoted', { title: item.title.slice(0, 200) })
  return { ...item, label }
}

async function hubFor(db: Kysely<Database>, reader: Actor, hubId: string | undefined) {
  if (!hubId || !can(reader, { kind: 'hub', hubId }, 'read')) return null
  return db.selectFrom('hubs').select(['id', 'name']).where('id', '=', hubId).executeTakeFirst()
}

/** A hub document as a mail names it ("the Kenya hub brief"), or null when the reader may not read it now. */
async function docFor(db: Kysely<Database>, reader: Actor, tr: Translator, docName: string | undefined) {
  const doc = docName ? parseDocName(docName) : null
  if (!doc) return null
  const { scope } = await docResource(db, doc)
  if (doc.type === 'note' && !scope) return null // the note is gone
  if (!canCommentOnDoc(reader, doc, scope)) return null
  const hub = await db.selectFrom('hubs').select(['id', 'name']).where('id', '=', doc.hubId).executeTakeFirst()
  if (!hub) return null
  const id: MessageId = doc.type === 'brief' ? 'mail.doc.brief' : doc.type === 'note' ? 'mail.doc.note' : 'mail.doc.document'
  return { label: tr.t(id, { hub: hub.name }), hubId: hub.id }
}

/**
 * One notification as a line, or null when the recipient may no longer read what it is about (then
 * nothing is said about it at all).
 */
export async function renderLine(db: Kysely<Database>, reader: Actor, origin: string, kind: AnyMailKind, p: Payload): Promise<MailLine | null> {
  const tr = translator(reader.language)
  switch (kind) {
    case 'mention':
    case 'reply':
    case 'input_request':
    case 'input_provided': {
      if (p.doc) {
        // A comment anchored in a hub document (brief or note).
        if (kind !== 'mention' && kind !== 'reply') return null
        const doc = await docFor(db, reader, tr, p.doc)
        if (!doc) return null
        const who = await nameOf(db, tr, p.actorId)
        return { text: tr.t(kind === 'mention' ? 'mail.line.docMention' : 'mail.line.docReply', { who, doc: doc.label }), url: `${origin}/inbox` }
      }
      const item = await itemFor(db, reader, tr, p.itemId)
      if (!item) return null
      const who = await nameOf(db, tr, p.actorId)
      const id = ({ mention: 'mail.line.mention', reply: 'mail.line.reply', input_request: 'mail.line.inputRequest', input_provided: 'mail.line.inputProvided' } as const)[kind]
      return { text: tr.t(id, { who, item: item.label }), url: `${origin}/inbox` }
    }
    case 'action_overdue': {
      const item = await itemFor(db, reader, tr, p.itemId)
      if (!item) return null
      return { text: tr.t('mail.line.actionOverdue', { item: item.label, due: tr.day(p.due ?? '') }), url: `${origin}/hubs/${encodeURIComponent(item.hub_id)}/actions` }
    }
    case 'brief_returned':
    case 'brief_acknowledged':
    case 'brief_due':
    case 'brief_overdue': {
      const hub = await hubFor(db, reader, p.hubId)
      if (!hub) return null
      const url = `${origin}/hubs/${encodeURIComponent(hub.id)}/brief`
      const values = { hub: hub.name, period: p.periodId ?? '' }
      if (kind === 'brief_returned') return { text: tr.t('mail.line.briefReturned', { ...values, who: await nameOf(db, tr, p.actorId) }), url }
      if (kind === 'brief_acknowledged') return { text: tr.t('mail.line.briefAcknowledged', { ...values, who: await nameOf(db, tr, p.actorId) }), url }
      if (kind === 'brief_due') return { text: tr.t('mail.line.briefDue', { ...values, due: tr.day(p.due ?? '') }), url }
      return { text: tr.t('mail.line.briefOverdue', { ...values, due: tr.day(p.due ?? '') }), url }
    }
    default:
      return null
  }
}

const SUBJECTS: Partial<Record<AnyMailKind, MessageId>> = {
  mention: 'mail.subject.mention',
  reply: 'mail.subject.reply',
  input_request: 'mail.subject.inputRequest',
  input_provided: 'mail.subject.inputProvided',
  brief_returned: 'mail.subject.briefReturned',
  brief_acknowledged: 'mail.subject.briefAcknowledged',
  brief_due: 'mail.subject.briefDue',
  brief_overdue: 'mail.subject.briefOverdue',
  action_overdue: 'mail.subject.actionOverdue',
}

/**
 * A queued mail for its recipient, or null when there is nothing left they may be told (recipient
 * disabled, or no longer allowed to read what it is about).
 */
export async function renderMail(db: Kysely<Database>, origin: string, row: { id: number; user_id: string; kind: string; payload: Record<string, unknown> }): Promise<RenderedMail | null> {
  const reader = await loadActor(db, row.user_id)
  if (!reader) return null
  const tr = translator(reader.language)
  const language = tr.language
  const kind = row.kind as AnyMailKind
  const p = row.payload as Payload
  if (kind === 'invite' || kind === 'password_reset') {
    if (!p.link) return null
    return kind === 'invite'
      ? { language, subject: tr.t('mail.subject.invite'), intro: tr.t('mail.invite.intro', { who: await nameOf(db, tr, p.actorId) }), lines: [{ text: tr.t('mail.invite.link'), url: p.link }] }
      : { language, subject: tr.t('mail.subject.passwordReset'), intro: tr.t('mail.reset.intro'), lines: [{ text: tr.t('mail.reset.link'), url: p.link }] }
  }
  if (kind === 'digest') {
    const entries = await db.selectFrom('mail_digest_entries').select(['kind', 'payload']).where('outbox_id', '=', row.id).orderBy('id').execute()
    const lines: MailLine[] = []
    for (const e of entries) {
      const line = await renderLine(db, reader, origin, e.kind as AnyMailKind, e.payload as Payload)
      if (line) lines.push(line)
    }
    if (lines.length === 0) return null
    return { language, subject: tr.t('mail.subject.digest', { count: lines.length }), lines }
  }
  const line = await renderLine(db, reader, origin, kind, p)
  if (!line) return null
  return { language, subject: tr.t(SUBJECTS[kind] ?? 'mail.subject.other'), lines: [line] }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** The subject line as sent: "Hubwork: You were mentioned", in the recipient's language. */
export const mailSubject = (m: RenderedMail) => translator(m.language).t('mail.subject', { subject: m.subject })

/** The plain-text and HTML parts of a rendered mail, with its unsubscribe link (when the kind has one). */
export function mailParts(m: RenderedMail, unsubscribeUrl: string | null, settingsUrl: string): { text: string; html: string } {
  const tr = translator(m.language)
  const tagline = tr.t('mail.footer.tagline')
  const settings = tr.t('mail.footer.settings')
  const stop = tr.t('mail.footer.unsubscribe')
  const text = [
    m.intro ?? '',
    ...m.lines.map((l) => `- ${l.text}\n  ${l.url}`),
    '',
    '--',
    tagline,
    `${settings}: ${settingsUrl}`,
    unsubscribeUrl ? `${stop}: ${unsubscribeUrl}` : '',
  ].filter((l, i) => l !== '' || i > 0).join('\n')
  const html = `<!doctype html><html lang="${tr.lang}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
${m.intro ? `<p>${escapeHtml(m.intro)}</p>` : ''}<ul>${m.lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a></li>`).join('')}</ul>
<hr><p style="font-size:12px;color:#555">${escapeHtml(tagline)} <a href="${escapeHtml(settingsUrl)}">${escapeHtml(settings)}</a>${unsubscribeUrl ? ` · <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(stop)}</a>` : ''}</p>
</body></html>`
  return { text, html }
}
