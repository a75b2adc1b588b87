import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.js'
import { readUnsubscribeToken } from '../mail/unsubscribe.js'
import { mailModes, setMailModes } from '../mail/mail-queue.js'
import type { MailKind, MailMode } from '../../shared/schemas/mail.js'
import { LANGUAGES, type Language } from '../../shared/languages.js'
import type { MessageId } from '../i18n/messages/en.js'
import { languageOf, translator, type Translator } from '../i18n/intl.js'
import { validate } from './validate.js'

const TokenQuery = z.object({ t: z.string().min(1).max(300) })

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

function page(c: Context<AppEnv>, tr: Translator, title: string, body: string, status: 200 | 400 = 200) {
  return c.html(
    `<!doctype html><html lang="${tr.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Hubwork</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}h1{font-size:1.4rem}button{font:inherit;padding:.4rem .8rem;background:#003399;color:#fff;border:0;border-radius:6px}a{color:#0b4f9c}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    status,
  )
}

const KIND_LABELS: Record<MailKind, MessageId> = {
  mention: 'mail.kind.mention',
  reply: 'mail.kind.reply',
  input_request: 'mail.kind.inputRequest',
  input_provided: 'mail.kind.inputProvided',
  brief_returned: 'mail.kind.briefReturned',
  brief_acknowledged: 'mail.kind.briefAcknowledged',
  brief_due: 'mail.kind.briefDue',
  brief_overdue: 'mail.kind.briefOverdue',
  action_overdue: 'mail.kind.actionOverdue',
}

const what = (tr: Translator, kind: MailKind | 'digest') =>
  kind === 'digest' ? tr.t('unsubscribe.what.digest') : tr.t('unsubscribe.what.kind', { label: tr.t(KIND_LABELS[kind]).toLocaleLowerCase(tr.lang) })

/** The first of the browser's languages the server speaks (a link nobody signed can name no person). */
function browserLanguage(c: Context<AppEnv>): Language {
  for (const part of (c.req.header('accept-language') ?? '').split(',').slice(0, 20)) {
    const l = part.trim().slice(0, 2).toLowerCase()
    if ((LANGUAGES as readonly string[]).includes(l)) return l as Language
  }
  return 'en'
}

/** The page's language: the person's own (the token names them), else the browser's. */
async function pageTranslator(c: Context<AppEnv>, userId: string | null): Promise<Translator> {
  if (!userId) return translator(browserLanguage(c))
  const row = await c.var.db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst()
  return translator(row?.language ? languageOf(row.language) : browserLanguage(c))
}

const accountLink = (tr: Translator) => `<a href="/account">${escapeHtml(tr.t('unsubscribe.accountPage'))}</a>`
const invalid = (c: Context<AppEnv>, tr: Translator) =>
  page(c, tr, tr.t('unsubscribe.invalid.title'), `<p>${escapeHtml(tr.t('unsubscribe.invalid.body', { link: '\u0000' })).replace('\u0000', accountLink(tr))}</p>`, 400)

/**
 * `/api/mail/unsubscribe?t=<signed token>`: no sign-in needed. GET shows one button (a link scanner
 * opening the mail's link changes nothing); POST, from that button or from the mail client's own
 * one-click unsubscribe (RFC 8058 `List-Unsubscribe-Post`), sets the kind to `never` (for the
 * digest: every kind the person had in it).
 */
export const mailRoutes = new Hono<AppEnv>()
  .get('/unsubscribe', validate('query', TokenQuery), async (c) => {
    const t = c.req.valid('query').t
    const found = await readUnsubscribeToken(c.var.db, t)
    const tr = await pageTranslator(c, found?.userId ?? null)
    if (!found) return invalid(c, tr)
    return page(
      c,
      tr,
      tr.t('unsubscribe.confirm.title'),
      `<p>${escapeHtml(tr.t('unsubscribe.confirm.body', { what: what(tr, found.kind) }))}</p><form method="post" action="/api/mail/unsubscribe?t=${encodeURIComponent(t)}"><button type="submit">${escapeHtml(tr.t('unsubscribe.confirm.button'))}</button></form><p><a href="/account">${escapeHtml(tr.t('unsubscribe.confirm.instead'))}</a></p>`,
    )
  })
  .post('/unsubscribe', validate('query', TokenQuery), async (c) => {
    const found = await readUnsubscribeToken(c.var.db, c.req.valid('query').t)
    const tr = await pageTranslator(c, found?.userId ?? null)
    if (!found) return invalid(c, tr)
    let change: Partial<Record<MailKind, MailMode>>
    if (found.kind === 'digest') {
      const modes = await mailModes(c.var.db, found.userId)
      change = Object.fromEntries(Object.entries(modes).filter(([, m]) => m === 'digest').map(([k]) => [k, 'never']))
    } else change = { [found.kind]: 'never' }
    await setMailModes(c.var.db, found.userId, change)
    const done = escapeHtml(tr.t('unsubscribe.done.body', { what: what(tr, found.kind), link: '\u0000' })).replace('\u0000', accountLink(tr))
    return page(c, tr, tr.t('unsubscribe.done.title'), `<p>${done}</p>`)
  })
