import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Config } from '../config.js'
import type { Actor } from '../../shared/access.js'
import { findActorBySession, type SessionPolicy } from './session-store.js'

/**
 * Who is asking, for REST and the sync endpoint alike: the one origin check and the one session
 * lookup. Plain values in, plain values out: the Hono adapters read the headers and cookies.
 */

/** The session expiry policy of a configuration. */
export function sessionPolicyOf(config: Pick<Config, 'sessionIdleMs' | 'sessionMaxMs'>): SessionPolicy {
  return { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs }
}

/**
 * Whether a request's `Origin` may ride the session cookie. Browsers always send Origin on
 * state-changing requests and socket upgrades, so a foreign one is a cross-site request. A missing
 * Origin is not a browser's: REST refuses it for state changes (`missing: 'refuse'`), the socket
 * admits it (`missing: 'allow'`: programs such as the stock y-websocket client in Node send none).
 */
export function isAllowedOrigin(origin: string | undefined, publicOrigin: string, missing: 'allow' | 'refuse'): boolean {
  if (origin === undefined) return missing === 'allow'
  return origin === publicOrigin
}

/** The signed-in actor of a raw session id (from the cookie), or null when there is none or it ended. */
export async function lookupSession(
  db: Kysely<Database>,
  rawId: string | undefined,
  policy: SessionPolicy,
): Promise<{ actor: Actor; idHash: string } | null> {
  if (!rawId) return null
  return findActorBySession(db, rawId, policy)
}
