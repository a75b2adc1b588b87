/**
 * Sharing scopes: the missions of a hub choose who reads what they record. Every log entry and
 * every note has one; the brief is always `hq`.
 *   hub     — the hub's staff (and admins) only
 *   hq      — as well Brussels (HQ, read-only), and the cyber ambassadors when cross-cutting
 *   network — as well every cyber ambassador and the staff of every other hub (read and comment
 *             through items, threads and search; never the log document itself)
 */
export const SCOPES = ['hub', 'hq', 'network'] as const
export type Scope = (typeof SCOPES)[number]

/** What an entry or note without a scope is. */
export const DEFAULT_SCOPE: Scope = 'hq'

/** Who reads an entry or note of each scope, as the forms spell it out. */
export const SCOPE_AUDIENCE: Record<Scope, string> = {
  hub: "Only the hub's missions",
  hq: "The hub's missions + Brussels (HQ)",
  network: "The hub's missions + Brussels (HQ) + cyber ambassadors and other hubs",
}

export const isScope = (v: unknown): v is Scope => typeof v === 'string' && (SCOPES as readonly string[]).includes(v)
