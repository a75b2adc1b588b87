/** A tiny HTTP client for tests: JSON in and out, a cookie jar of one session, the right Origin. */
export interface Client {
  cookie: string | null
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Res>
  login(email: string, password: string): Promise<Res>
}

export interface Res {
  status: number
  headers: Headers
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read any shape
  text: string
}

/**
 * Where requests go: the base URL of a listening server, or a function that answers in-process
 * (`TestApp.fetch`, Hono's `app.request`).
 */
export type Target = string | ((path: string, init: RequestInit) => Response | Promise<Response>)

/** A client of the server at `target`, sending `Origin: origin` on state-changing requests. */
export function client(target: Target, origin: string, cookie: string | null = null): Client {
  const self: Client = {
    cookie,
    async request(method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers }
      if (self.cookie) h.cookie = self.cookie
      if (method !== 'GET' && !('origin' in h)) h.origin = origin
      let payload: string | undefined
      if (body !== undefined) {
        h['content-type'] ??= 'application/json'
        payload = typeof body === 'string' ? body : JSON.stringify(body)
      }
      const init: RequestInit = { method, headers: h, body: payload }
      const res = typeof target === 'string' ? await fetch(target + path, init) : await target(path, init)
      const setCookie = res.headers.get('set-cookie')
      if (setCookie) {
        const pair = setCookie.split(';')[0]
        self.cookie = pair.endsWith('=') ? null : pair
      }
      const text = await res.text()
      let parsed: unknown = undefined
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        parsed = undefined
      }
      return { status: res.status, headers: res.headers, body: parsed, text }
    },
    login(email, password) {
      return self.request('POST', '/api/auth/login', { email, password })
    },
  }
  return self
}
