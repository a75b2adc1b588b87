import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'

/** A real y-websocket client in Node, sending a cookie (and optionally an Origin). */
export function connectClient(
  baseUrl: string,
  docName: string,
  cookie: string | null,
  opts: { origin?: string; doc?: Y.Doc; params?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  if (opts.origin) headers.origin = opts.origin
  // WebsocketProvider builds its socket with no options: the cookie goes in through a subclass.
  class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  const doc = opts.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', docName, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: opts.params,
  })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Waits until `check` is true, polling; fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** A raw socket to the sync endpoint, for sending frames no real client would send. */
export async function rawSocket(baseUrl: string, docName: string, cookie: string, origin?: string) {
  const headers: Record<string, string> = { cookie }
  if (origin) headers.origin = origin
  const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/collab/' + docName, { headers })
  const received: Uint8Array[] = []
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, received, closed }
}
