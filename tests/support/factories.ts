import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.js'
import { hashPassword } from '../../server/auth/passwords.js'
import { createSession } from '../../server/auth/session-store.js'
import { SESSION_COOKIE } from '../../server/auth/cookie-names.js'
import type { Role } from '../../shared/roles.js'

/** Fresh ids per test: no shared fixtures to clean. */
export const freshId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`

let cachedHash: Promise<string> | null = null
/** The password of every factory user. */
export const TEST_PASSWORD = 'correct horse battery staple'

/** A hub with an EU delegation and the given Member State embassies. */
export async function createHub(
  db: Kysely<Database>,
  opts: { id?: string; name?: string; country?: string; missions?: string[] } = {},
) {
  const id = opts.id ?? freshId('hub')
  await db
    .insertInto('hubs')
    .values({
      id,
      name: opts.name ?? `Hub ${id}`,
      country: opts.country ?? 'NG',
      country_name: 'Nigeria',
      region: 'africa',
      city: null,
      focal_point_user_id: null,
    })
    .execute()
  const missions: Record<string, string> = {}
  for (const code of ['EU', ...(opts.missions ?? ['DE', 'FR'])]) {
    const missionId = `${id}-${code.toLowerCase()}`
    await db
      .insertInto('missions')
      .values({
        id: missionId,
        hub_id: id,
        code,
        kind: code === 'EU' ? 'eu_delegation' : 'ms_embassy',
        name: code === 'EU' ? `EU Delegation (${id})` : `Embassy of ${code} (${id})`,
        city: null,
      })
      .execute()
    missions[code] = missionId
  }
  return { id, missions }
}

/** A user; with `hubId` also a membership of that hub's `mission` (default EU). */
export async function createUser(
  db: Kysely<Database>,
  opts: {
    role?: Role
    hubId?: string
    mission?: string
    coordinator?: boolean
    email?: string
    name?: string
  } = {},
) {
  const id = freshId('u')
  cachedHash ??= hashPassword(TEST_PASSWORD)
  const email = opts.email ?? `${id}@test.example`
  await db
    .insertInto('users')
    .values({
      id,
      email,
      name: opts.name ?? `User ${id}`,
      role: opts.role ?? 'staff',
      password_hash: await cachedHash,
    })
    .execute()
  if (opts.hubId) {
    await db
      .insertInto('memberships')
      .values({
        user_id: id,
        hub_id: opts.hubId,
        mission_id: `${opts.hubId}-${(opts.mission ?? 'EU').toLowerCase()}`,
        coordinator: opts.coordinator ?? false,
      })
      .execute()
  }
  return { id, email, password: TEST_PASSWORD }
}

/** A live session for a user, as the `Cookie` header value a browser would send. */
export async function sessionCookie(db: Kysely<Database>, userId: string): Promise<string> {
  const { rawId } = await createSession(db, userId, { idleMs: 3_600_000, maxMs: 86_400_000 })
  return `${SESSION_COOKIE}=${rawId}`
}

/**
 * A note's row, so that its document `hub/<hubId>/notes/<id>` exists (the sync server refuses a
 * note document without one). @returns the document's name
 */
export async function createNoteRow(db: Kysely<Database>, hubId: string, id: string, userId: string | null = null): Promise<string> {
  await db.insertInto('notes').values({ id, hub_id: hubId, title: id, created_by: userId, updated_at: new Date(), updated_by: userId, scope: 'hq' }).execute()
  return `hub/${hubId}/notes/${id}`
}
