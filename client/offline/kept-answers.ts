import { ApiError, request } from '../api/request'
import { reportLink } from './when-online'

/**
 * The last answers of a few GETs (who is signed in, their hubs, a hub, its notes, the taxonomy),
 * kept in localStorage so that the app opens with no network. They belong to one person like the
 * offline copies: kept under their user id, deleted at sign-out (`forgetKept`), and only ever
 * shown when the server cannot be reached — an answer from the server (even 401) always wins.
 */

const ME = 'hubwork:kept-me'
const keyOf = (userId: string) => `hubwork:kept:${userId}`

/** The GETs whose answers are kept: what the hub pages need to open. */
const KEPT = [/^\/api\/hubs$/, /^\/api\/hubs\/[^/]+$/, /^\/api\/hubs\/[^/]+\/notes$/, /^\/api\/taxonomy$/]

/** An answer, and when the server gave it (null: it came from the server just now). */
export interface Kept<T> {
  data: T
  savedAt: string | null
}

/** The request could not reach the server (not an HTTP answer). */
export const isNetworkFailure = (err: unknown) => !(err instanceof ApiError) || err.status === 0

function read(key: string): Record<string, { at: string; data: unknown }> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, { at: string; data: unknown }>) : {}
  } catch {
    return {}
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Storage full or disabled: the app still works online.
  }
}

/** Remembers who is signed in (the app opens as them when offline). */
export function keepMe(me: { id: string }): void {
  write(ME, { at: new Date().toISOString(), data: me })
}

/** Who was signed in last, when the server cannot say. */
export function keptMe<T>(): Kept<T> | null {
  const r = read(ME) as unknown as { at?: string; data?: T }
  return r.data && r.at ? { data: r.data, savedAt: r.at } : null
}

/** Deletes everything kept for `userId` (sign-out; a shared computer must not show their hubs). */
export function forgetKept(userId: string): void {
  try {
    localStorage.removeItem(keyOf(userId))
    const me = keptMe<{ id: string }>()
    if (!me || me.data.id === userId) localStorage.removeItem(ME)
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/**
 * GET `path` for `userId`: the server's answer (kept for next time when it is one of KEPT), or,
 * when the server cannot be reached, the last answer kept. @throws the request's error otherwise
 */
export async function keptGet<T>(userId: string, path: string): Promise<Kept<T>> {
  // Nobody known (signed out): nothing is kept.
  const keep = userId !== '' && KEPT.some((re) => re.test(path))
  try {
    const data = await request<T>('GET', path)
    reportLink(true)
    if (keep) {
      const all = read(keyOf(userId))
      all[path] = { at: new Date().toISOString(), data }
      write(keyOf(userId), all)
    }
    return { data, savedAt: null }
  } catch (err) {
    if (isNetworkFailure(err)) reportLink(false)
    const kept = keep && isNetworkFailure(err) ? read(keyOf(userId))[path] : undefined
    if (kept) return { data: kept.data as T, savedAt: kept.at }
    throw err
  }
}
