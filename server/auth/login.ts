import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { BadCredentialsError, RateLimitedError } from '../errors.js'
import { verifyAgainstDummy, verifyPassword } from './passwords.js'

/** Failed sign-ins allowed per window, per account and per client address. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 }

/** An attempt counted before its password is checked; `overAddress` says the address is over its limit. */
interface Attempt {
  id: number
  overAddress: boolean
}

/**
 * Counts an attempt as a failure before its password is checked, in one transaction holding a
 * lock on the account: parallel attempts queue, so no more than the limit ever get checked.
 * @throws RateLimitedError when the account is over its limit
 */
async function reserveAttempt(db: Kysely<Database>, email: string, ip: string, now: Date): Promise<Attempt> {
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs)
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${'login:' + email}))`.execute(trx)
    const f = await trx
      .selectFrom('login_failures')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('email', '=', email).as('account'),
        eb.fn.countAll<number>().filterWhere('ip', '=', ip).as('address'),
        eb.fn.min('created_at').filterWhere('email', '=', email).as('oldest_account'),
      ])
      .where('created_at', '>', since)
      .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
      .executeTakeFirstOrThrow()
    if (Number(f.account) >= LOGIN_LIMITS.perAccount) {
      const retryMs = new Date(f.oldest_account!).getTime() + LOGIN_LIMITS.windowMs - now.getTime()
      throw new RateLimitedError(Math.max(1, Math.ceil(retryMs / 1000)))
    }
    const row = await trx.insertInto('login_failures').values({ email, ip, created_at: now }).returning('id').executeTakeFirstOrThrow()
    return { id: Number(row.id), overAddress: Number(f.address) >= LOGIN_LIMITS.perAddress }
  })
}

/**
 * Checks a password against the sign-in limits, for sign-in and for a password change. The account
 * limit refuses even the right password (guessing one account stops). The address limit refuses
 * only wrong ones: behind a proxy, everyone shares one address, and a right password must still
 * get in.
 * @returns the user id
 * @throws RateLimitedError, BadCredentialsError
 */
export async function checkPassword(db: Kysely<Database>, email: string, password: string, ip: string, now = new Date()): Promise<string> {
  const normalized = email.trim().toLowerCase()
  const attempt = await reserveAttempt(db, normalized, ip, now)
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('email', '=', normalized)
    .executeTakeFirst()
  const ok = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password)
  if (!user || !ok || user.disabled_at) {
    if (attempt.overAddress) throw new RateLimitedError(Math.ceil(LOGIN_LIMITS.windowMs / 1000))
    throw new BadCredentialsError()
  }
  await db.deleteFrom('login_failures').where('email', '=', normalized).execute()
  return user.id
}

/** Sign-in: the password check under the limits, answering an unknown email exactly like a wrong password. */
export const checkLogin = checkPassword
