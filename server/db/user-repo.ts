import type { Kysely } from 'kysely'
import type { Database, NewUser } from './schema.js'
import { ConflictError, NotFoundError } from '../errors.js'

/** Creates a user; the email is stored lower-cased. @throws ConflictError on a taken email */
export async function createUser(db: Kysely<Database>, user: NewUser): Promise<void> {
  const email = user.email.toLowerCase()
  const taken = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (taken) throw new ConflictError('email: an account with this email exists')
  await db.insertInto('users').values({ ...user, roles: user.roles ?? [user.role], email }).execute()
}

/** A user's public fields. @throws NotFoundError */
export async function findUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'roles', 'disabled_at', 'created_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow(() => new NotFoundError('user'))
}

/** A user by email (case-insensitive). @throws NotFoundError */
export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'roles', 'disabled_at', 'created_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirstOrThrow(() => new NotFoundError('user'))
}

/** Users by name, with how many hubs each belongs to; `q` matches name or email, any case. */
export async function listUsers(db: Kysely<Database>, q?: string, limit = 500) {
  const needle = q?.toLowerCase()
  let query = db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'roles', 'disabled_at', 'created_at'])
    .select((eb) => eb.selectFrom('memberships').select(eb.fn.countAll<number>().as('n')).whereRef('memberships.user_id', '=', 'users.id').as('memberships'))
    .orderBy('name')
    .limit(limit)
  if (needle) query = query.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', `%${needle}%`), eb('email', 'like', `%${needle}%`)]))
  return query.execute()
}
