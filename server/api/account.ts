import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.js'
import { requireActor } from '../auth/session-middleware.js'
import { hashPassword } from '../auth/passwords.js'
import { checkPassword } from '../auth/login.js'
import { clientAddress } from './client-address.js'
import { listUserSessions } from '../auth/session-store.js'
import { BadCredentialsError, ForbiddenError, NotFoundError } from '../errors.js'
import { Limits } from '../../shared/limits.js'
import { presentMe, presentSession, publicSessionId } from './present/me.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'
import { LanguageChoice } from '../../shared/schemas/auth.js'
import { MailPreferencesInput, type MailPreferencesView } from '../../shared/schemas/mail.js'
import { mailEnabled, mailModes, setMailModes } from '../mail/mail-queue.js'

const PasswordChange = z.object({
  current: z.string().min(1, 'must not be empty').max(Limits.password.max, 'is too long'),
  next: z
    .string()
    .min(Limits.password.min, `must be at least ${Limits.password.min} characters`)
    .max(Limits.password.max, 'is too long'),
})
const SessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'must be a session id') })

/** `/api/me`: who is signed in, and their own account: password and sessions. */
export const me = new Hono<AppEnv>()
  .get('/', (c) => c.json(presentMe(requireActor(c))))
  .post('/password', validate('json', PasswordChange), async (c) => {
    const actor = requireActor(c)
    const { current, next } = c.req.valid('json')
    if (!c.var.deps.config.passwordLogin) throw new ForbiddenError('password sign-in is disabled here: your organisation signs you in')
    // The current password is checked under the sign-in limits: a stolen session cannot guess it.
    try {
      await checkPassword(c.var.db, actor.email, current, clientAddress(c))
    } catch (err) {
      if (err instanceof BadCredentialsError) throw new ForbiddenError('current: the current password is not right')
      throw err
    }
    await c.var.db.updateTable('users').set({ password_hash: await hashPassword(next) }).where('id', '=', actor.id).execute()
    // Every other session ends, and its sockets with it: whoever knew the old password is out.
    const others = await c.var.db.selectFrom('sessions').select('id_hash').where('user_id', '=', actor.id).where('id_hash', '!=', c.var.sessionHash ?? '').execute()
    if (others.length) {
      await c.var.db.deleteFrom('sessions').where('id_hash', 'in', others.map((o) => o.id_hash)).execute()
      c.var.deps.services.live.endSessions(others.map((o) => o.id_hash))
    }
    await audit(c, { action: 'auth.password_changed', target: { type: 'user', id: actor.id }, details: { sessionsEnded: others.length } })
    return c.body(null, 204)
  })
  .put('/language', validate('json', LanguageChoice), async (c) => {
    const actor = requireActor(c)
    const { language } = c.req.valid('json')
    await c.var.db.updateTable('users').set({ language }).where('id', '=', actor.id).execute()
    return c.json(presentMe({ ...actor, language }))
  })
  .get('/mail', async (c) => {
    const actor = requireActor(c)
    return c.json({ enabled: mailEnabled(c.var.db), preferences: await mailModes(c.var.db, actor.id) } satisfies MailPreferencesView)
  })
  .put('/mail', validate('json', MailPreferencesInput), async (c) => {
    const actor = requireActor(c)
    await setMailModes(c.var.db, actor.id, c.req.valid('json').preferences)
    return c.json({ enabled: mailEnabled(c.var.db), preferences: await mailModes(c.var.db, actor.id) } satisfies MailPreferencesView)
  })
  .get('/sessions', async (c) => {
    const actor = requireActor(c)
    const rows = await listUserSessions(c.var.db, actor.id)
    return c.json(rows.map((r) => presentSession(r, c.var.sessionHash)))
  })
  .delete('/sessions/:id', validate('param', SessionParams), async (c) => {
    const actor = requireActor(c)
    const rows = await c.var.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', actor.id)
      .where('id_hash', 'like', `${c.req.valid('param').id}%`)
      .execute()
    if (rows.length !== 1) throw new NotFoundError('session')
    await c.var.db.deleteFrom('sessions').where('id_hash', '=', rows[0].id_hash).execute()
    c.var.deps.services.live.endSessions([rows[0].id_hash])
    await audit(c, { action: 'session.ended', target: { type: 'session', id: publicSessionId(rows[0].id_hash) } })
    return c.body(null, 204)
  })
