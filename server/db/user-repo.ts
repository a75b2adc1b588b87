import type { Kysely } from 'kysely'
import type { Database, NewUser } from './schema.js'
import { ConflictError, NotFoundError } from '../errors.js'

/** Creates a user; the email is stored lower-cased. @throws ConflictError on a taken email */
export async function createUser(db: Kysely<Database>, user: NewUser): Promise<void> {
  const email = user.email.toLowerCase()
  const taken = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (taken) throw new ConflictError('email: an account with this email exists')
  await db.insertInto('users').values({ ...user, email }).execute()
}

/** A user's public fields. @throws NotFoundError */
export async function findUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'disabled_at', 'created_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow(() => new NotFoundError('user'))
}

/** A user by email (case-insensitive). @throws NotFoundError */
export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'disabled_at', 'created_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirstOrThrow(() => new NotFoundError('user'))
}
