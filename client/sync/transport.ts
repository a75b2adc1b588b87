import { HttpSyncSocket } from './http-socket'

/**
 * Which transport the sync uses: WebSockets, or plain HTTP (http-socket.ts) where something on
 * the way (an embassy proxy) refuses them. The switch is by itself: two sockets in a row that never
 * opened, while the server answers plain HTTP, mean WebSockets are blocked here. Kept for the
 * page's life (a reload tries WebSockets again).
 */
export type TransportName = 'websocket' | 'http'

let current: TransportName = 'websocket'
let failedInARow = 0
let probing = false
const listeners = new Set<() => void>()

export const transportName = (): TransportName => current

export function onTransportChange(cb: () => void): () => void {
  listeners.add(cb)
  return () => void listeners.delete(cb)
}

function use(name: TransportName): void {
  if (current === name) return
  current = name
  listeners.forEach((l) => l())
}

/** Socket attempts that fail before opening this many times in a row trigger the HTTP check. */
const FAILURES_BEFORE_FALLBACK = 2

function onSocketFailed(): void {
  failedInARow++
  if (failedInARow < FAILURES_BEFORE_FALLBACK || probing || current === 'http') return
  probing = true
  // The server answers plain HTTP: the link is up and only the WebSocket is blocked.
  fetch('/api/health', { cache: 'no-store' }).then(
    (res) => {
      probing = false
      if (res.ok) use('http')
    },
    () => {
      probing = false
    },
  )
}

/**
 * What y-websocket constructs as its socket (`WebSocketPolyfill`): a WebSocket, watched for
 * failures to open, or the HTTP fallback once WebSockets are known blocked.
 */
export const SyncSocket = function SyncSocket(url: string, protocols?: string | string[]) {
  if (current === 'http') return new HttpSyncSocket(url)
  const ws = new WebSocket(url, protocols)
  let opened = false
  ws.addEventListener('open', () => {
    opened = true
    failedInARow = 0
  })
  ws.addEventListener('close', () => {
    if (!opened) onSocketFailed()
  })
  return ws
} as unknown as typeof WebSocket
