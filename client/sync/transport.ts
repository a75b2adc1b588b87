import { HttpSyncSocket } from './http-socket'
import { isStep2Frame, isUpdateFrame } from '../../shared/stored-acks'

/**
 * Which transport the sync uses: WebSockets, or plain HTTP (http-socket.ts) where something on
 * the way (an embassy proxy) refuses them. The switch is by itself: two sockets in a row that never
 * opened, each while the server answered plain HTTP, in a tab where no WebSocket ever opened, mean
 * WebSockets are blocked here. Kept for the page's life (a reload tries WebSockets again).
 */
export type TransportName = 'websocket' | 'http'

let current: TransportName = 'websocket'
/** Sockets that failed to open in a row, each while plain HTTP to the server worked. */
let failedWhileHttpWorks = 0
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

/**
 * Socket opens that fail this many times in a row, each time while the server answers plain HTTP,
 * switch to HTTP. A link coming back (one socket refused in the moment HTTP works) counts once and
 * is reset by the next socket that opens.
 */
const FAILURES_BEFORE_FALLBACK = 2

/** A WebSocket opened in this tab (reloads included): this network lets them through; failures are the link's. */
const WORKED = 'hubwork:websocket-worked'
const socketWorkedHere = () => {
  try {
    return sessionStorage.getItem(WORKED) === '1'
  } catch {
    return false
  }
}

function onSocketFailed(): void {
  if (current === 'http' || socketWorkedHere()) return
  // The server answers plain HTTP now: the link is up and only the WebSocket failed.
  fetch('/api/health', { cache: 'no-store' }).then(
    (res) => {
      if (!res.ok) return void (failedWhileHttpWorks = 0)
      if (++failedWhileHttpWorks >= FAILURES_BEFORE_FALLBACK) use('http')
    },
    () => {
      failedWhileHttpWorks = 0
    },
  )
}

/**
 * What y-websocket constructs as its socket (`WebSocketPolyfill`): a WebSocket, watched for
 * failures to open, or the HTTP fallback once WebSockets are known blocked.
 */
export const SyncSocket = function SyncSocket(url: string, protocols?: string | string[]) {
  if (current === 'http') return counted(new HttpSyncSocket(url))
  const ws = counted(new WebSocket(url, protocols))
  let opened = false
  ws.addEventListener('open', () => {
    opened = true
    failedWhileHttpWorks = 0
    try {
      sessionStorage.setItem(WORKED, '1')
    } catch {
      // Storage disabled: failures are judged as they come.
    }
  })
  ws.addEventListener('close', () => {
    if (!opened) onSocketFailed()
  })
  return ws
} as unknown as typeof WebSocket

/** What a socket has sent that the server acknowledges once stored (shared/stored-acks.ts). */
export interface SentUpdates {
  /** Update frames sent: the sync step 2 and every update. */
  updates: number
  /** The sync step 2 went out: everything the server lacked at the handshake is on its way. */
  step2: boolean
}

const sentBySocket = new WeakMap<object, SentUpdates>()

/** The update frames sent on a socket y-websocket made (none for another object). */
export const sentOn = (socket: object | null): SentUpdates | undefined => (socket ? sentBySocket.get(socket) : undefined)

/** Counts the update frames a socket sends, after each one was handed to it without error. */
function counted<T extends object>(socket: T): T {
  const sent: SentUpdates = { updates: 0, step2: false }
  sentBySocket.set(socket, sent)
  const target = socket as unknown as { send(data: unknown): void }
  const send = target.send.bind(target)
  target.send = (data: unknown) => {
    send(data)
    if (data instanceof Uint8Array && isUpdateFrame(data)) {
      sent.updates++
      if (isStep2Frame(data)) sent.step2 = true
    }
  }
  return socket
}
