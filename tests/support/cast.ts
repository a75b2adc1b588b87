import type { Kysely } from 'kysely'
import type { Database } from '../../server/db/schema.js'
import type { Role } from '../../shared/roles.js'
import { createHub, createUser, sessionCookie } from './factories.js'

/**
 * The people and places of a test, made in one call: hubs with their missions, and users of any
 * role, each with a live session cookie. Tests name them ("alice", "hq") and read them back by name.
 *
 *   const CAST = defineCast({
 *     hubs: { hub: { missions: ['DE'] }, other: {} },
 *     users: { alice: { hub: 'hub', mission: 'EU' }, hq: { role: 'hq' } },
 *   })
 *   let cast: CastOf<typeof CAST>
 *   beforeAll(async () => { cast = await createCast(db, CAST) })
 *   // cast.hubs.hub.id, cast.ids.alice, cast.cookies.alice, cast.emails.hq
 */

/** A hub to create: `missions` are the Member State codes besides the EU delegation (default DE, FR). */
export interface HubSpec {
  name?: string
  country?: string
  missions?: string[]
}

/** A user to create: a member of `hub` (by its name in the cast) at `mission` (default EU), or none. */
export interface UserSpec<H extends string = string> {
  role?: Role
  hub?: H
  mission?: string
  coordinator?: boolean
  name?: string
  email?: string
}

export interface CastSpec<H extends string = string, U extends string = string> {
  hubs?: Record<H, HubSpec>
  users: Record<U, UserSpec<NoInfer<H>>>
}

/** A created hub: its id and the id of each mission by code (`missions.EU`, `missions.DE`). */
export interface CastHub {
  id: string
  missions: Record<string, string>
}

/** A created user, signed in. */
export interface CastUser {
  id: string
  email: string
  password: string
  /** `Cookie` header value of a live session. */
  cookie: string
}

export interface Cast<H extends string, U extends string> {
  hubs: Record<H, CastHub>
  users: Record<U, CastUser>
  /** Shorthands of `users[name].id`, `.cookie` and `.email`; tests may replace a cookie. */
  ids: Record<U, string>
  cookies: Record<U, string>
  emails: Record<U, string>
}

/** The cast a spec describes, for declaring the variable a `beforeAll` fills. */
export type CastOf<S> = S extends CastSpec<infer H, infer U> ? Cast<H, U> : never

/** Checks a spec (a user's `hub` must name one of its hubs) and keeps its names as literal types. */
export function defineCast<const H extends string = never, const U extends string = never>(spec: CastSpec<H, U>): CastSpec<H, U> {
  return spec
}

/** Creates the hubs, then the users (in the spec's order), then a session for each user. */
export async function createCast<H extends string, U extends string>(db: Kysely<Database>, spec: CastSpec<H, U>): Promise<Cast<H, U>> {
  const hubs = {} as Record<H, CastHub>
  for (const [key, h] of Object.entries(spec.hubs ?? {}) as [H, HubSpec][]) hubs[key] = await createHub(db, h)
  const users = {} as Record<U, CastUser>
  const ids = {} as Record<U, string>
  const cookies = {} as Record<U, string>
  const emails = {} as Record<U, string>
  for (const [key, u] of Object.entries(spec.users) as [U, UserSpec<H>][]) {
    const { hub, ...rest } = u
    if (hub !== undefined && !hubs[hub]) throw new Error(`cast: user ${key} names an unknown hub ${hub}`)
    const created = await createUser(db, { ...rest, hubId: hub === undefined ? undefined : hubs[hub].id })
    const cookie = await sessionCookie(db, created.id)
    users[key] = { ...created, cookie }
    ids[key] = created.id
    cookies[key] = cookie
    emails[key] = created.email
  }
  return { hubs, users, ids, cookies, emails }
}

/** The smallest cast: one hub and one signed-in staff member of its EU delegation. */
export async function createHubMember(db: Kysely<Database>): Promise<CastUser & { hub: CastHub }> {
  const cast = await createCast(db, { hubs: { hub: {} }, users: { member: { hub: 'hub' } } })
  return { ...cast.users.member, hub: cast.hubs.hub }
}

/**
 * The usual people of a hub test: two staff of one hub (its EU delegation and the German
 * embassy), a staff member of another hub, an HQ reviewer and a cyber ambassador. Extend it with
 * a spread: `defineCast({ hubs: { hub: {}, other: {} }, users: { ...TEAM.users, coord: { … } } })`.
 */
export const TEAM = defineCast({
  hubs: { hub: {}, other: {} },
  users: {
    alice: { hub: 'hub', mission: 'EU', name: 'Alice Example' },
    bob: { hub: 'hub', mission: 'DE', name: 'Bob Beispiel' },
    carol: { hub: 'other', mission: 'EU' },
    hq: { role: 'hq', name: 'Harriet HQ' },
    cyber: { role: 'cyber', name: 'Cyrus Cyber' },
  },
})
