import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { BadCredentialsError, RateLimitedError } from '../errors.js'
import { verifyAgainstDummy, verifyPassword } from './passwords.js'

/** Failed sign-ins allowed per window, per account and per client address. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 }

/**
 * Checks a sign-in. Refuses with 429 once an account or an address has too many recent failures
 * (before even checking the password, so guessing stops), and answers an unknown email exactly like
 * a wrong password, in body and in time.
 * @returns the user id
 * @throws RateLimitedError, BadCredentialsError
 */
export async function checkLogin(
  db: Kysely<Database>,
  email: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<string> {
  const normalized = email.trim().toLowerCase()
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs)
  const failures = await db
    .selectFrom('login_failures')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('email', '=', normalized).as('account'),
      eb.fn.countAll<number>().filterWhere('ip', '=', ip).as('address'),
      eb.fn.min('created_at').filterWhere('email', '=', normalized).as('oldest_account'),
      eb.fn.min('created_at').filterWhere('ip', '=', ip).as('oldest_address'),
    ])
    .where('created_at', '>', since)
    .where((eb) => eb.or([eb('email', '=', normalized), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow()
  const blockedSince =
    Number(failures.account) >= LOGIN_LIMITS.perAccount
      ? failures.oldest_account
      : Number(failures.address) >= LOGIN_LIMITS.perAddress
        ? failures.oldest_address
        : null
  if (blockedSince) {
    const retryMs = new Date(blockedSince).getTime() + LOGIN_LIMITS.windowMs - now.getTime()
    throw new RateLimitedError(Math.max(1, Math.ceil(retryMs / 1000)))
  }

  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('email', '=', normalized)
    .executeTakeFirst()
  const ok = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password)
  if (!user || !ok || user.disabled_at) {
    await db.insertInto('login_failures').values({ email: normalized, ip, created_at: now }).execute()
    throw new BadCredentialsError()
  }
  await db.deleteFrom('login_failures').where('email', '=', normalized).execute()
  return user.id
}
