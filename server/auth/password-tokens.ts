import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

const TOKEN_DAYS = 7
const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/** A one-time set-password token for a user (invite or reset); the raw token is returned once. */
export async function issuePasswordToken(db: Kysely<Database>, userId: string, purpose: 'invite' | 'reset', createdBy: string): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  // A new link replaces any earlier unused one.
  await db.deleteFrom('password_tokens').where('user_id', '=', userId).where('used_at', 'is', null).execute()
  await db
    .insertInto('password_tokens')
    .values({ token_hash: hash(token), user_id: userId, purpose, created_by: createdBy, expires_at: new Date(Date.now() + TOKEN_DAYS * 86_400_000) })
    .execute()
  return token
}

/**
 * Spends a token: the user id it was for, or null when it is unknown, used or expired. Atomic: two
 * uses racing each other cannot both succeed.
 */
export async function spendPasswordToken(db: Kysely<Database>, token: string): Promise<string | null> {
  if (!token || token.length > 100) return null
  const row = await db
    .updateTable('password_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', hash(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst()
  return row?.user_id ?? null
}
