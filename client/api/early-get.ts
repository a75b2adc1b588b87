/**
 * Reads the app asks for at start, sent before React renders: the session (`/api/me`) and, on a
 * hub's page, the hub would otherwise wait for the code to run, the first render and each other.
 * The first `request('GET', path)` of such a path takes the answer already under way; any later one
 * asks again. Nothing here skips a check: the server answers these as it answers any request.
 */

/** How long an early answer stays usable: past this it is asked again rather than taken stale. */
const FRESH_MS = 10_000

const early = new Map<string, { at: number; response: Promise<Response> }>()

/** Sends `GET path` now, for the first `request()` of it to take. */
export function startEarly(path: string): void {
  if (early.has(path)) return
  const response = fetch(path, { method: 'GET', credentials: 'same-origin' })
  // Never taken (the page moved on): its failure must not show as unhandled.
  response.catch(() => {})
  early.set(path, { at: Date.now(), response })
}

/** The early answer to `GET path`, once, or null (none sent, already taken, or too old). */
export function takeEarly(path: string): Promise<Response> | null {
  const e = early.get(path)
  if (!e) return null
  early.delete(path)
  return Date.now() - e.at <= FRESH_MS ? e.response : null
}
