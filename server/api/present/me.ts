import { rolesOf, type Actor } from '../../../shared/access.js'
import type { LoginView, MeView, SessionView } from '../../../shared/schemas/auth.js'
import type { Session } from '../../db/schema.js'
import { iso } from './iso.js'

/** The signed-in person and their memberships. */
export function presentMe(actor: Actor): MeView {
  return {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    roles: [...rolesOf(actor)],
    memberships: actor.memberships.map((m) => ({
      hubId: m.hubId,
      mission: m.mission,
      coordinator: m.coordinator,
    })),
    language: actor.language ?? null,
  }
}

/** A sign-in's answer: who is now signed in. */
export function presentLogin(actor: Actor): LoginView {
  return { user: presentMe(actor) }
}

/** A session's public id: a prefix of its stored hash (the cookie's id never leaves the browser). */
export const publicSessionId = (hash: string) => hash.slice(0, 16)

/** One of the person's sessions; `currentHash` marks the one this request came with. */
export function presentSession(
  r: Pick<Session, 'id_hash' | 'created_at' | 'last_seen_at' | 'expires_at' | 'ip' | 'user_agent'>,
  currentHash: string | null,
): SessionView {
  return {
    id: publicSessionId(r.id_hash),
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    expiresAt: iso(r.expires_at),
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id_hash === currentHash,
  }
}
