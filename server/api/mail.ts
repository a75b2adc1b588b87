import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.js'
import { readUnsubscribeToken } from '../mail/unsubscribe.js'
import { mailModes, setMailModes } from '../mail/mail-queue.js'
import { MAIL_KIND_LABELS, type MailKind, type MailMode } from '../../shared/schemas/mail.js'
import { validate } from './validate.js'

const TokenQuery = z.object({ t: z.string().min(1).max(300) })

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

function page(c: Context<AppEnv>, title: string, body: string, status: 200 | 400 = 200) {
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Hubwork</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}h1{font-size:1.4rem}button{font:inherit;padding:.4rem .8rem;background:#003399;color:#fff;border:0;border-radius:6px}a{color:#0b4f9c}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    status,
  )
}

const what = (kind: MailKind | 'digest') => (kind === 'digest' ? 'the daily digest' : `mails about: ${MAIL_KIND_LABELS[kind].toLowerCase()}`)

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
    if (!found) return page(c, 'This link is not valid', '<p>Change which mails you get on your <a href="/account">account page</a>.</p>', 400)
    return page(c, 'Stop these mails?', `<p>You will get no more ${escapeHtml(what(found.kind))}.</p><form method="post" action="/api/mail/unsubscribe?t=${encodeURIComponent(t)}"><button type="submit">Stop these mails</button></form><p><a href="/account">Choose on your account page instead</a></p>`)
  })
  .post('/unsubscribe', validate('query', TokenQuery), async (c) => {
    const found = await readUnsubscribeToken(c.var.db, c.req.valid('query').t)
    if (!found) return page(c, 'This link is not valid', '<p>Change which mails you get on your <a href="/account">account page</a>.</p>', 400)
    let change: Partial<Record<MailKind, MailMode>>
    if (found.kind === 'digest') {
      const modes = await mailModes(c.var.db, found.userId)
      change = Object.fromEntries(Object.entries(modes).filter(([, m]) => m === 'digest').map(([k]) => [k, 'never']))
    } else change = { [found.kind]: 'never' }
    await setMailModes(c.var.db, found.userId, change)
    return page(c, 'Unsubscribed', `<p>You will get no more ${escapeHtml(what(found.kind))}. You can change this on your <a href="/account">account page</a>.</p>`)
  })
