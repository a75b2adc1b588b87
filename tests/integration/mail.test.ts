import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, TEAM, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js'
import { freePort } from '../support/global-setup.js'
import { createAction, createExchange } from '../../shared/log-doc.js'
import { connectPostgres } from '../../server/db/connect.js'
import { queueDigests, queueScheduledMail } from '../../server/mail/mail-schedule.js'
import { registerMailSender } from '../../server/mail/mail-queue.js'
import { pruneOutbox } from '../../server/mail/mail-retention.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'
import * as Y from 'yjs'

/**
 * E-mail through a real SMTP server running in this process (`smtp-server` on 127.0.0.1): what
 * each person receives, and what no mail may carry (record bodies, comment text, review notes, the
 * titles of hub-only entries, anything the recipient could not read in the app).
 */
const CAST = defineCast({
  hubs: { hub: { missions: ['DE'] }, other: {} },
  users: {
    ...TEAM.users,
    coord: { hub: 'hub', mission: 'DE', name: 'Cora Coordinator', coordinator: true },
    fran: { hub: 'hub', mission: 'DE', name: 'Françoise Dupont', coordinator: true },
    admin: { role: 'admin', name: 'Ada Admin' },
  },
})
const FAST = { pollMs: 50, backoffMs: 100, maxBackoffMs: 400, scheduleMs: 3_600_000 }
const SECRET = 'SECRET-TEXT-NOT-FOR-MAIL'

/** Everything a mail shows, to check for forbidden text. */
const all = (m: ReceivedMail) => `${m.subject}\n${m.text}\n${m.html}`
/** A calendar day as a language writes it in a mail (9 December 2026, 9 décembre 2026). */
const longDay = (day: string, locale: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))
/** English the mails say, none of which may reach a French reader. */
const ENGLISH = ['mentioned you', 'Stop these mails', 'Choose which mails', 'shared workspace', 'hub brief', ' is due on ', 'Hubwork: ']

/** An anchor over a passage of a Lexical document state, as the browser makes it. */
function anchorOf(state: Uint8Array, passage: string) {
  const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64')
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  for (const part of doc.get('root', Y.XmlText).toDelta() as { insert: unknown }[]) {
    if (!(part.insert instanceof Y.XmlText)) continue
    let index = 0
    for (const d of part.insert.toDelta() as { insert: unknown }[]) {
      if (typeof d.insert !== 'string') {
        index += 1
        continue
      }
      const at = d.insert.indexOf(passage)
      if (at >= 0) {
        const start = Y.createRelativePositionFromTypeIndex(part.insert, index + at, 0)
        const end = Y.createRelativePositionFromTypeIndex(part.insert, index + at + passage.length, -1)
        return { start: b64(Y.encodeRelativePosition(start)), end: b64(Y.encodeRelativePosition(end)) }
      }
      index += d.insert.length
    }
  }
  throw new Error(`no passage ${passage}`)
}

for (const engine of ENGINES) {
  describe(`${engine}: e-mail`, () => {
    let smtp: SmtpSink
    let t: TestServer
    let cast: CastOf<typeof CAST>
    let hubId: string
    let cross = ''
    let hubOnly = ''
    let live: ReturnType<typeof connectClient>
    const api = (who: keyof typeof CAST.users) => client(t.url, t.origin, cast.cookies[who])
    const mailsTo = (who: keyof typeof CAST.users) => smtp.mails.filter((m) => m.to.includes(cast.emails[who]))
    const path = (item: string, rest = '') => `/api/items/${encodeURIComponent(item)}${rest}`

    beforeAll(async () => {
      smtp = await startSmtpSink()
      // The server's own worker, with short timers.
      t = await startTestServer(engine, { SMTP_URL: smtp.url, MAIL_FROM: 'Hubwork <hubwork@hubwork.test>' }, {}, FAST)
      cast = await createCast(t.db.db, CAST)
      hubId = cast.hubs.hub.id
      live = connectClient(t.url, `hub/${hubId}/log`, cast.cookies.alice, { origin: t.origin })
      await until(() => live.provider.synced)
      const crossId = createExchange(live.doc, { title: 'Cable landing security', mission: 'EU', authorId: cast.ids.alice, crossCutting: true, themes: ['cybersecurity'] })
      const hubOnlyId = createExchange(live.doc, { title: 'Ambassador travel plans HUBONLY', mission: 'EU', authorId: cast.ids.alice, crossCutting: false, themes: ['ai'] })
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
      createAction(live.doc, { title: 'Send the workshop invitations', mission: 'EU', authorId: cast.ids.alice, crossCutting: false, themes: ['ai'], due: yesterday })
      await until(async () => (await api('alice').request('GET', `/api/items?hubId=${hubId}`)).body.length === 3)
      cross = `${hubId}:exchange:${crossId}`
      hubOnly = `${hubId}:exchange:${hubOnlyId}`
      expect((await api('alice').request('PUT', path(hubOnly, '/scope'), { scope: 'hub' })).status).toBe(200)
      // Françoise reads the interface, and her mail, in French.
      expect((await api('fran').request('PUT', '/api/me/language', { language: 'fr' })).status).toBe(200)
    })
    afterAll(async () => {
      live?.destroy()
      await t?.close()
      await smtp?.close()
    })

    it('each person chooses per kind: immediately, daily digest or never (REST, validated)', async () => {
      const mine = await api('bob').request('GET', '/api/me/mail')
      expect(mine.body).toMatchObject({ enabled: true, preferences: { mention: 'immediate', reply: 'digest' } })
      expect((await api('bob').request('PUT', '/api/me/mail', { preferences: { mention: 'sometimes' } })).status).toBe(400)
      expect((await api('bob').request('PUT', '/api/me/mail', { preferences: { nonsense: 'never' } })).status).toBe(400)
      const set = await api('bob').request('PUT', '/api/me/mail', { preferences: { reply: 'immediate' } })
      expect(set.body.preferences).toMatchObject({ reply: 'immediate', mention: 'immediate' })
      expect((await client(t.url, t.origin).request('GET', '/api/me/mail')).status).toBe(401)
    })

    it('mentions and replies: the right people, title and link, never the comment text', async () => {
      expect((await api('bob').request('POST', path(cross, '/comments'), { body: `First look. ${SECRET}` })).status).toBe(201)
      expect((await api('alice').request('POST', path(cross, '/comments'), { body: `@Cora Coordinator please check ${SECRET}` })).status).toBe(201)
      const mention = await smtp.waitFor(cast.emails.coord, (m) => m.subject === 'Hubwork: You were mentioned')
      expect(mention.text).toContain('Alice Example mentioned you in a comment on “Cable landing security”')
      expect(mention.text).toContain(`${t.config.publicOrigin}/inbox`)
      expect(mention.html).toContain('Cable landing security')
      expect(mention.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/hubwork\.test\/api\/mail\/unsubscribe\?t=/)
      expect(mention.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
      // bob set replies to "immediately"; cora, mentioned, is not told twice.
      const reply = await smtp.waitFor(cast.emails.bob, (m) => m.subject === 'Hubwork: A reply in a thread')
      expect(reply.text).toContain('Alice Example replied in the thread on “Cable landing security”')
      for (const m of [mention, reply]) expect(all(m)).not.toContain(SECRET)
      expect(mailsTo('coord').filter((m) => m.subject.includes('reply'))).toEqual([])
      expect(mailsTo('alice')).toEqual([])
    })

    it('input requested and provided go to the cyber ambassadors and back to who asked', async () => {
      expect((await api('coord').request('POST', path(cross, '/input-request'))).status).toBe(204)
      const asked = await smtp.waitFor(cast.emails.cyber, (m) => m.subject === 'Hubwork: Input requested')
      expect(asked.text).toContain('Cora Coordinator asks the cyber ambassadors for input on “Cable landing security”')
      expect((await api('cyber').request('POST', path(cross, '/comments'), { body: `Our view: ${SECRET}` })).status).toBe(201)
      const provided = await smtp.waitFor(cast.emails.coord, (m) => m.subject === 'Hubwork: Input provided')
      expect(provided.text).toContain('gave the input you asked for on “Cable landing security”')
      for (const m of [asked, provided]) expect(all(m)).not.toContain(SECRET)
    })

    it('a hub-only entry is named without its title; nobody outside the hub hears of it', async () => {
      expect((await api('alice').request('POST', path(hubOnly, '/comments'), { body: `@Bob Beispiel ${SECRET}` })).status).toBe(201)
      const m = await smtp.waitFor(cast.emails.bob, (x) => x.subject === 'Hubwork: You were mentioned' && x.text.includes('kept within the hub'))
      expect(all(m)).not.toContain('HUBONLY')
      expect(all(m)).not.toContain(SECRET)
    })

    it('the brief returned and acknowledged: to the coordinators, without HQ\'s note', async () => {
      const year = new Date().getUTCFullYear()
      const period = { id: `${year}-Hm`, start: `${year}-01-01`, end: `${year}-12-31`, briefDue: `${year + 1}-01-15` }
      expect((await api('admin').request('POST', '/api/periods', period)).status).toBe(201)
      const base = `/api/hubs/${hubId}/briefs/${period.id}`
      expect((await api('coord').request('POST', `${base}/submit`)).status).toBe(200)
      expect((await api('hq').request('POST', `${base}/return`, { note: `Add the section ${SECRET}` })).status).toBe(200)
      const returned = await smtp.waitFor(cast.emails.coord, (m) => m.subject === 'Hubwork: Hub brief returned')
      expect(returned.text).toMatch(/Harriet HQ \(HQ\) returned the .* hub brief for /)
      expect(returned.text).toContain(`${t.config.publicOrigin}/hubs/${hubId}/brief`)
      expect((await api('coord').request('POST', `${base}/submit`)).status).toBe(200)
      expect((await api('hq').request('POST', `${base}/acknowledge`, { note: `Thanks ${SECRET}` })).status).toBe(200)
      const acknowledged = await smtp.waitFor(cast.emails.coord, (m) => m.subject === 'Hubwork: Hub brief acknowledged')
      for (const m of [returned, acknowledged]) expect(all(m)).not.toContain(SECRET)
      // Alice is staff, not a coordinator: the brief cycle is not hers to answer.
      expect(mailsTo('alice').filter((m) => m.subject.includes('brief'))).toEqual([])
    })

    it('scheduled: brief due in 7 days, brief overdue, own action overdue; each sent once, across processes too', async () => {
      const now = new Date()
      const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10)
      const year = now.getUTCFullYear()
      expect((await api('admin').request('POST', '/api/periods', { id: `${year}-Ds`, start: `${year}-01-01`, end: `${year}-12-31`, briefDue: day(3) })).status).toBe(201)
      expect((await api('admin').request('POST', '/api/periods', { id: `${year}-Ov`, start: `${year}-01-01`, end: `${year}-12-31`, briefDue: day(-2) })).status).toBe(201)
      expect((await api('alice').request('PUT', '/api/me/mail', { preferences: { action_overdue: 'immediate' } })).status).toBe(200)
      // Two "processes": on PostgreSQL a second connection pool to the same database.
      const second = engine === 'postgres' ? connectPostgres(t.db.url!, { max: 2 }) : null
      const unregister = second ? registerMailSender(second.db, () => {}) : () => {}
      try {
        await Promise.all([queueScheduledMail(t.db.db, now), queueScheduledMail(second?.db ?? t.db.db, now), queueScheduledMail(t.db.db, now)])
      } finally {
        unregister()
        await second?.close()
      }
      t.server.services.mail!.wake()
      const due = await smtp.waitFor(cast.emails.coord, (m) => m.subject === 'Hubwork: Hub brief due in 7 days')
      expect(due.text).toContain(`for ${year}-Ds is due on ${longDay(day(3), 'en-GB')}`)
      const overdue = await smtp.waitFor(cast.emails.coord, (m) => m.subject === 'Hubwork: Hub brief overdue')
      expect(overdue.text).toContain(`for ${year}-Ov was due on ${longDay(day(-2), 'en-GB')}`)
      // The other coordinator reads French: subject, line and date in French.
      const dueFr = await smtp.waitFor(cast.emails.fran, (m) => m.subject === 'Hubwork : Note de synthèse du hub attendue dans 7 jours')
      expect(dueFr.text).toContain(`pour ${year}-Ds est attendue pour le ${longDay(day(3), 'fr-FR')}`)
      for (const english of ENGLISH) expect(all(dueFr)).not.toContain(english)
      const action = await smtp.waitFor(cast.emails.alice, (m) => m.subject === 'Hubwork: Action overdue')
      expect(action.text).toContain('Your action “Send the workshop invitations” was due on')
      expect(action.text).toContain(`/hubs/${hubId}/actions`)
      // Once more later: nothing new.
      await t.server.services.mail!.runScheduled(new Date(now.getTime() + 60_000))
      await t.server.services.mail!.idle()
      expect(mailsTo('coord').filter((m) => m.subject === 'Hubwork: Hub brief due in 7 days')).toHaveLength(1)
      expect(mailsTo('coord').filter((m) => m.subject === 'Hubwork: Hub brief overdue')).toHaveLength(1)
      expect(mailsTo('alice').filter((m) => m.subject === 'Hubwork: Action overdue')).toHaveLength(1)
      // The other hub's coordinators (none here) and the staff hear nothing of the brief.
      expect(mailsTo('bob').filter((m) => m.subject.includes('brief'))).toEqual([])
    })

    it('the daily digest gathers what waited, once a day', async () => {
      // Cora gets replies in her digest (the default): alice answers in the thread cora wrote in.
      expect((await api('coord').request('POST', path(cross, '/comments'), { body: 'noted' })).status).toBe(201)
      expect((await api('alice').request('POST', path(cross, '/comments'), { body: `Answer ${SECRET}` })).status).toBe(201)
      await until(async () => (await t.db.db.selectFrom('mail_digest_entries').select('id').where('user_id', '=', cast.ids.coord).where('outbox_id', 'is', null).execute()).length > 0)
      const at = new Date()
      at.setUTCHours(23, 0, 0, 0)
      await Promise.all([queueDigests(t.db.db, at, 7, () => t.server.services.mail!.wake()), queueDigests(t.db.db, at, 7, () => t.server.services.mail!.wake())])
      const digest = await smtp.waitFor(cast.emails.coord, (m) => m.subject.startsWith('Hubwork: Your Hubwork digest'))
      expect(digest.text).toContain('Alice Example replied in the thread on “Cable landing security”')
      expect(all(digest)).not.toContain(SECRET)
      await t.server.services.mail!.idle()
      expect(mailsTo('coord').filter((m) => m.subject.startsWith('Hubwork: Your Hubwork digest'))).toHaveLength(1)
    })

    it('invitations and password resets go by mail when SMTP is configured', async () => {
      const invited = await api('admin').request('POST', '/api/admin/users/invite', { email: 'new.person@ministry.example', name: 'New Person', role: 'hq' })
      expect(invited.status).toBe(201)
      expect(invited.body.mailed).toBe(true)
      const invite = await smtp.waitFor('new.person@ministry.example')
      expect(invite.subject).toBe('Hubwork: You are invited to Hubwork')
      expect(invite.text).toContain(invited.body.link)
      expect(invite.from).toBe('hubwork@hubwork.test')
      expect(invite.headers.get('list-unsubscribe')).toBeUndefined()
      const reset = await api('admin').request('POST', `/api/admin/users/${cast.ids.carol}/reset`)
      expect(reset.body.mailed).toBe(true)
      const mail = await smtp.waitFor(cast.emails.carol, (m) => m.subject === 'Hubwork: Your Hubwork password was reset')
      expect(mail.text).toContain(reset.body.link)
      // The link is not kept in the outbox once sent.
      await until(async () => (await t.db.db.selectFrom('mail_outbox').select('payload').where('kind', 'in', ['invite', 'password_reset']).execute()).every((r) => !JSON.stringify(r.payload).includes('token')))
    })

    it('a French reader gets French mail (subject, text, HTML, footer, unsubscribe page), still without forbidden text', async () => {
      expect((await api('alice').request('POST', path(cross, '/comments'), { body: `@Françoise Dupont merci ${SECRET}` })).status).toBe(201)
      const m = await smtp.waitFor(cast.emails.fran, (x) => x.subject === 'Hubwork : Vous avez été mentionné')
      expect(m.text).toContain('Alice Example vous a mentionné dans un commentaire sur « Cable landing security »')
      expect(m.text).toContain('Choisir les courriels que vous recevez')
      expect(m.text).toContain('Ne plus recevoir ces courriels')
      expect(m.html).toContain('<html lang="fr">')
      expect(m.html).toContain('vous a mentionné')
      expect(all(m)).not.toContain(SECRET)
      for (const english of ENGLISH) expect(all(m)).not.toContain(english)
      // A hub-only entry, named in French without its title.
      expect((await api('alice').request('POST', path(hubOnly, '/comments'), { body: `@Françoise Dupont ${SECRET}` })).status).toBe(201)
      const hubOnlyMail = await smtp.waitFor(cast.emails.fran, (x) => x.text.includes('un échange réservé au hub'))
      expect(all(hubOnlyMail)).not.toContain('HUBONLY')
      expect(all(hubOnlyMail)).not.toContain(SECRET)
      // The unsubscribe page speaks her language too.
      const url = new URL(m.headers.get('list-unsubscribe')!.slice(1, -1))
      const page = await client(t.url, t.origin).request('GET', `${url.pathname}${url.search}`)
      expect(page.status).toBe(200)
      expect(page.text).toContain('<html lang="fr">')
      expect(page.text).toContain('Ne plus recevoir ces courriels')
      expect(page.text).not.toContain('Stop these mails')
      // Meanwhile an English reader still reads English.
      expect((await api('alice').request('POST', path(cross, '/comments'), { body: '@Bob Beispiel and @Françoise Dupont' })).status).toBe(201)
      const en = await smtp.waitFor(cast.emails.bob, (x) => x.subject === 'Hubwork: You were mentioned' && x.text.includes('Cable landing security'))
      expect(en.html).toContain('<html lang="en">')
    })

    it('mentions in comments anchored in the brief or a note are mailed to readers of that document only', async () => {
      const brief = await buildLexicalDoc([{ type: 'h1', text: 'Hub brief' }, { type: 'p', text: 'Partner priorities: connectivity and skills.' }])
      await appendUpdates(t.db.db, [{ doc: `hub/${hubId}/brief`, update: brief, userId: cast.ids.alice }])
      const briefDoc = encodeURIComponent(`hub/${hubId}/brief`)
      const quote = 'connectivity and skills'
      // HQ reads the brief; Carol (another hub) does not, though her address is named.
      const body = `Check this @Harriet HQ and @${cast.emails.carol} ${SECRET}`
      expect((await api('alice').request('POST', `/api/docs/${briefDoc}/threads`, { anchor: anchorOf(brief, quote), quote, body })).status).toBe(201)
      const hq = await smtp.waitFor(cast.emails.hq, (m) => m.subject === 'Hubwork: You were mentioned' && m.text.includes('hub brief'))
      expect(hq.text).toMatch(/Alice Example mentioned you in a comment on the .+ hub brief/)
      expect(hq.text).toContain(`${t.config.publicOrigin}/inbox`)
      for (const secret of [SECRET, quote]) expect(all(hq)).not.toContain(secret)
      // A note kept within the hub: its staff hear of a mention, HQ (who cannot read it) never, and
      // the mail does not carry the note's title.
      const note = await api('alice').request('POST', `/api/hubs/${hubId}/notes`, { title: 'Ambassador dinner HUBONLY', scope: 'hub' })
      expect(note.status).toBe(201)
      const noteState = await buildLexicalDoc([{ type: 'p', text: 'Seating plan and guests.' }])
      await appendUpdates(t.db.db, [{ doc: note.body.docName, update: noteState, userId: cast.ids.alice }])
      const noteDoc = encodeURIComponent(note.body.docName)
      expect((await api('alice').request('POST', `/api/docs/${noteDoc}/threads`, { anchor: anchorOf(noteState, 'Seating plan'), quote: 'Seating plan', body: `@Bob Beispiel @Harriet HQ ${SECRET}` })).status).toBe(201)
      const bob = await smtp.waitFor(cast.emails.bob, (m) => m.subject === 'Hubwork: You were mentioned' && m.text.includes('a note of the'))
      for (const secret of [SECRET, 'HUBONLY', 'Seating plan']) expect(all(bob)).not.toContain(secret)
      await t.server.services.mail!.idle()
      expect(mailsTo('carol').filter((m) => m.subject.includes('mentioned'))).toEqual([])
      expect(mailsTo('hq').filter((m) => m.text.includes('a note of the'))).toEqual([])
      expect(await t.db.db.selectFrom('mail_outbox').select('id').where('user_id', '=', cast.ids.carol).where('kind', '=', 'mention').execute()).toEqual([])
    })

    it('the outbox forgets sent mail after 45 days, shows given-up mail to the admins for 90 days, never drops what waits', async () => {
      const now = new Date()
      const ago = (days: number) => new Date(now.getTime() - days * 86_400_000)
      const future = new Date(now.getTime() + 365 * 86_400_000)
      const row = (v: { sent_at?: Date; failed_at?: Date; kind?: string; last_error?: string }) =>
        t.db.db.insertInto('mail_outbox').values({ user_id: cast.ids.bob, kind: v.kind ?? 'mention', payload: '{}', created_at: ago(120), next_attempt_at: future, attempts: v.failed_at ? 50 : 1, sent_at: v.sent_at ?? null, failed_at: v.failed_at ?? null, last_error: v.last_error ?? null }).returning('id').executeTakeFirstOrThrow()
      const oldSent = await row({ sent_at: ago(50) })
      const recentSent = await row({ sent_at: ago(10) })
      const recentFailed = await row({ failed_at: ago(10), last_error: 'connect ECONNREFUSED 127.0.0.1:2525' })
      const oldFailed = await row({ failed_at: ago(100), last_error: 'old failure' })
      const waiting = await row({})
      const oldDigest = await row({ kind: 'digest', sent_at: ago(50) })
      await t.db.db.insertInto('mail_digest_entries').values({ user_id: cast.ids.bob, kind: 'reply', payload: '{}', outbox_id: oldDigest.id }).execute()
      try {
        const failedView = await api('admin').request('GET', '/api/admin/mail/failed')
        expect(failedView.status).toBe(200)
        expect(failedView.body.failed.map((f: { id: number }) => f.id)).toEqual(expect.arrayContaining([recentFailed.id, oldFailed.id]))
        expect((await api('bob').request('GET', '/api/admin/mail/failed')).status).toBe(403)

        expect(await pruneOutbox(t.db.db, now)).toBeGreaterThanOrEqual(3)
        const left = (await t.db.db.selectFrom('mail_outbox').select('id').where('id', 'in', [oldSent.id, recentSent.id, recentFailed.id, oldFailed.id, waiting.id, oldDigest.id]).execute()).map((r) => r.id).sort((a, b) => a - b)
        expect(left).toEqual([recentSent.id, recentFailed.id, waiting.id].sort((a, b) => a - b))
        // The old digest's entries went with it (left behind, they would be mailed again tomorrow).
        expect(await t.db.db.selectFrom('mail_digest_entries').select('id').where('user_id', '=', cast.ids.bob).where('outbox_id', 'is', null).where('kind', '=', 'reply').execute()).toEqual([])

        const after = await api('admin').request('GET', '/api/admin/mail/failed')
        const mine = after.body.failed.find((f: { id: number }) => f.id === recentFailed.id)
        expect(mine).toMatchObject({ kind: 'mention', email: cast.emails.bob, attempts: 50, lastError: 'connect ECONNREFUSED 127.0.0.1:2525' })
        expect(after.body.failed.some((f: { id: number }) => f.id === oldFailed.id)).toBe(false)
        expect(after.body.waiting).toBeGreaterThanOrEqual(1)
      } finally {
        await t.db.db.deleteFrom('mail_outbox').where('id', 'in', [recentSent.id, recentFailed.id, waiting.id]).execute()
      }
    })

    it('one-click unsubscribe (RFC 8058) stops that kind for that person only', async () => {
      const mention = smtp.mails.find((m) => m.to.includes(cast.emails.coord) && m.subject === 'Hubwork: You were mentioned')!
      const url = new URL(mention.headers.get('list-unsubscribe')!.slice(1, -1))
      const local = `${url.pathname}${url.search}`
      const page = await client(t.url, t.origin).request('GET', local)
      expect(page.status).toBe(200)
      expect(page.text).toContain('Stop these mails')
      expect((await api('coord').request('GET', '/api/me/mail')).body.preferences.mention).toBe('immediate')
      const done = await fetch(t.url + local, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
      expect(done.status).toBe(200)
      expect((await api('coord').request('GET', '/api/me/mail')).body.preferences.mention).toBe('never')
      const tampered = local.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
      expect((await fetch(t.url + tampered, { method: 'POST' })).status).toBe(400)
      const before = mailsTo('coord').length
      expect((await api('alice').request('POST', path(cross, '/comments'), { body: '@Cora Coordinator again' })).status).toBe(201)
      await t.server.services.mail!.idle()
      expect(await t.db.db.selectFrom('mail_outbox').select('id').where('user_id', '=', cast.ids.coord).where('kind', '=', 'mention').execute()).toHaveLength(1)
      expect(mailsTo('coord').length).toBe(before)
    })
  })
}

describe('e-mail: the outbox survives an SMTP outage', () => {
  it('keeps retrying with backoff while the SMTP server is down, delivers after; a recipient who lost access gets nothing', async () => {
    const port = await freePort()
    const t = await startTestServer('pglite', { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'hubwork@hubwork.test' }, {}, FAST)
    let smtp: SmtpSink | null = null
    try {
      const cast = await createCast(t.db.db, defineCast({ hubs: {}, users: { admin: { role: 'admin' } } }))
      const admin = client(t.url, t.origin, cast.cookies.admin)
      const started = Date.now()
      const a = await admin.request('POST', '/api/admin/users/invite', { email: 'first@ministry.example', name: 'First', role: 'hq' })
      const b = await admin.request('POST', '/api/admin/users/invite', { email: 'gone@ministry.example', name: 'Gone', role: 'hq' })
      // The request did not wait for the SMTP server.
      expect(a.status).toBe(201)
      expect(Date.now() - started).toBeLessThan(5_000)
      // One invitee's account is disabled while their mail waits: at send time they may read nothing.
      // (While the SMTP server is down no attempt can succeed, so the order is certain.)
      await t.db.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', b.body.id).execute()
      await until(async () => {
        const row = await t.db.db.selectFrom('mail_outbox').select(['attempts', 'last_error', 'sent_at']).where('user_id', '=', a.body.id).executeTakeFirstOrThrow()
        return row.attempts >= 3 && row.last_error !== null && row.sent_at === null
      }, 15_000, 'three failed attempts')
      smtp = await startSmtpSink(port)
      const mail = await smtp.waitFor('first@ministry.example', () => true, 15_000)
      expect(mail.text).toContain(a.body.link)
      await until(async () => (await t.db.db.selectFrom('mail_outbox').select('sent_at').where('sent_at', 'is', null).execute()).length === 0, 10_000, 'the outbox empty')
      expect(smtp.mails.filter((m) => m.to.includes('gone@ministry.example'))).toEqual([])
    } finally {
      await t.close()
      await smtp?.close()
    }
  })
})
