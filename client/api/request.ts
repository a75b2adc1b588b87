import { humanMessage } from './human-error'
import { takeEarly } from './early-get'

/** The API's error shape, as a thrown error the UI can show. */
export class ApiError extends Error {
  /** The server's own text (the message is the one people read, see human-error.ts). */
  readonly detail: string
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(humanMessage(status, code, message))
    this.detail = message
  }
}

/** Listeners told when any request answers 401: the session ended. */
const onUnauthenticated = new Set<() => void>()
export function whenSignedOut(cb: () => void): () => void {
  onUnauthenticated.add(cb)
  return () => onUnauthenticated.delete(cb)
}

/** Tells the app the session ended (a request answered 401, or the sync socket closed with 4401). */
export function reportSignedOut(): void {
  onUnauthenticated.forEach((cb) => cb())
}

/** The one way the client calls the API: JSON in and out, errors parsed into ApiError. */
export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const early = method === 'GET' && !signal ? takeEarly(path) : null
  const res = await (early ?? fetch(path, {
    method,
    signal,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })).catch((err: Error) => {
    if (err.name === 'AbortError') throw err
    // No answer at all (offline, server down): an ApiError of status 0, retried by the query layer.
    throw new ApiError(0, 'network', err.message)
  })
  if (res.status === 204) return undefined as T
  const data = await res.json().catch(() => null)
  if (!res.ok) {
    const err = data?.error ?? { code: 'http_error', message: `HTTP ${res.status}` }
    if (res.status === 401 && path !== '/api/auth/login') reportSignedOut()
    throw new ApiError(res.status, err.code, err.message)
  }
  return data as T
}
