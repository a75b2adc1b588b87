import { asRoles } from '../../shared/roles.js'
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'

/**
 * Server-side sessions. The cookie holds 256 random bits; the table holds only their
 * SHA-256, so a leaked table hands out no session. Idle and absolute expiry are both enforced here.
 */

/** Expiry policy of sessions, from the configuration. */
export interface SessionPolicy {
  idleMs: number
  maxMs: number
}

/** Hashes a raw session id for storage and lookup. */
export function hashSessionId(rawId: string): string {
  return createHash('sha256').update(rawId).digest('hex')
}

/**
 * Starts a session for a user.
 * @returns the raw id for the cookie (never stored) and its hash
 */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  policy: SessionPolicy,
  client: { ip?: string | null; userAgent?: string | null } = {},
  now = new Date(),
): Promise<{ rawId: string; idHash: string; expiresAt: Date }> {
  const rawId = randomBytes(32).toString('base64url')
  const idHash = hashSessionId(rawId)
  const expiresAt = new Date(now.getTime() + policy.maxMs)
  await db
    .insertInto('sessions')
    .values({
      id_hash: idHash,
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: client.ip ?? null,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  return { rawId, idHash, expiresAt }
}

/** Only refresh `last_seen_at` this often: a session lookup must not write on every request. */
const TOUCH_EVERY_MS = 60_000

/**
 * The signed-in actor for a raw session id, or null when the session is unknown, idle too long,
 * past its absolute expiry, or its user is disabled. Expired sessions are deleted on sight.
 */
export async function findActorBySession(
  db: Kysely<Database>,
  rawId: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<{ actor: Actor; idHash: string } | null> {
  if (!rawId || rawId.length > 100) return null
  const idHash = hashSessionId(rawId)
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.last_seen_at', 'sessions.expires_at', 'users.disabled_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst()
  if (!row) return null
  const idleUntil = new Date(row.last_seen_at).getTime() + policy.idleMs
  if (row.disabled_at || new Date(row.expires_at) <= now || idleUntil <= now.getTime()) {
    await deleteSession(db, idHash)
    return null
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute()
  }
  const actor = await loadActor(db, row.user_id)
  return actor ? { actor, idHash } : null
}

/** Loads a user with their memberships as an `Actor`, or null if missing or disabled. */
export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'roles', 'disabled_at', 'language'])
    .where('id', '=', userId)
    .executeTakeFirst()
  if (!user || user.disabled_at) return null
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('missions', 'missions.id', 'memberships.mission_id')
    .select([
      'memberships.hub_id',
      'memberships.mission_id',
      'missions.code',
      'memberships.coordinator',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.hub_id')
    .execute()
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    // `role` is the first of `roles`; rows from before `roles` existed hold `role` alone.
    roles: asRoles(user.roles, user.role),
    language: user.language,
    memberships: memberships.map((m) => ({
      hubId: m.hub_id,
      missionId: m.mission_id,
      mission: m.code,
      coordinator: m.coordinator,
    })),
  }
}

/** Ends one session. */
export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
}

/** Ends every session of a user (disable, password change). */
export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** A user's sessions, most recently used first (their own account page). */
export async function listUserSessions(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .execute()
}

/**
 * Of these session hashes, the ones still valid (present, not idle or past expiry, user enabled).
 * One query for any number of sockets: the sync server re-checks its open sockets with it.
 */
export async function liveSessionHashes(
  db: Kysely<Database>,
  hashes: readonly string[],
  policy: SessionPolicy,
  now = new Date(),
): Promise<Set<string>> {
  if (hashes.length === 0) return new Set()
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.last_seen_at', 'sessions.expires_at', 'users.disabled_at'])
    .where('sessions.id_hash', 'in', hashes)
    .execute()
  const live = new Set<string>()
  for (const r of rows) {
    const idleUntil = new Date(r.last_seen_at).getTime() + policy.idleMs
    if (!r.disabled_at && new Date(r.expires_at) > now && idleUntil > now.getTime()) live.add(r.id_hash)
  }
  return live
}

/** Marks sessions as active now (a person editing through a socket is not idle). */
export async function touchSessions(db: Kysely<Database>, hashes: readonly string[], now = new Date()): Promise<void> {
  if (hashes.length === 0) return
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', 'in', hashes).execute()
}
