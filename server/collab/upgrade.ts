import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { STATUS_CODES } from 'node:http'
import { parse as parseCookies } from 'hono/utils/cookie'
import type { Kysely } from 'kysely'
import { WebSocket, type RawData, type WebSocketServer } from 'ws'
import type { Config } from '../config.js'
import type { Database } from '../db/schema.js'
import type { Logger } from '../logger.js'
import { SESSION_COOKIE } from '../auth/cookie-names.js'
import { sessionPolicyOf } from '../auth/request-identity.js'
import { CloseCode } from '../../shared/close-codes.js'
import type { CollabServer, ConnectionHandle, Transport } from './collab-server.js'
import { authorize, type Verdict } from './door.js'
import { STORED_ACKS_PARAM } from '../../shared/stored-acks.js'

const PREFIX = '/collab/'

export interface UpgradeDeps {
  collab: CollabServer
  wss: WebSocketServer
  db: Kysely<Database>
  config: Pick<Config, 'publicOrigin' | 'sessionIdleMs' | 'sessionMaxMs'>
  logger: Logger
}

/**
 * The HTTP side of the sync endpoint, `GET /collab/<docName>`, as the HTTP server's `upgrade`
 * listener: it reads the request for the door (door.ts), and hands an admitted socket to the sync
 * server. A refused caller is accepted and closed at once with 4401/4403 (that stops y-websocket's
 * reconnect loop) and no document is loaded for it.
 *
 * Not a Hono route: @hono/node-server's `upgradeWebSocket` keeps the request's whole Hono context
 * (Request, Response, headers, the Node IncomingMessage) alive for as long as the socket is open,
 * ~8 kB of the ~23 kB of heap each connection held at 10,000 sockets. Here nothing of the request outlives
 * the handshake but what the door returned.
 */
export function collabUpgrade(deps: UpgradeDeps): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { collab, wss, logger } = deps
  const doorDeps = { db: deps.db, publicOrigin: deps.config.publicOrigin, sessions: sessionPolicyOf(deps.config) }
  // ws closes an over-cap frame with 1009; the protocol promises a code ≥ 4000 and a reason.
  const closeOverCap = function (this: WebSocket, code?: number, reason?: string | Buffer): void {
    if (code !== 1009) return WebSocket.prototype.close.call(this, code, reason)
    collab.metrics.closed.inc({ code: String(CloseCode.tooLarge) })
    WebSocket.prototype.close.call(this, CloseCode.tooLarge, `frame larger than ${collab.maxFrameBytes} bytes`)
  }
  return (req, socket, head) => {
    // A peer that resets the connection while the door is deciding must not crash the process.
    const ignoreError = () => {}
    socket.on('error', ignoreError)
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') return reject(socket, 400)
    const url = new URL(req.url ?? '/', 'http://upgrade.invalid')
    if (!url.pathname.startsWith(PREFIX)) return reject(socket, 404)
    const cookie = req.headers.cookie
    const door = {
      rawDocName: url.pathname.slice(PREFIX.length),
      origin: req.headers.origin,
      sessionId: cookie ? parseCookies(cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined,
    }
    const acks = url.searchParams.get(STORED_ACKS_PARAM) === '1'
    authorize(door, doorDeps).then(
      (verdict) => {
        if (socket.destroyed) return
        wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off('error', ignoreError)
          attach(collab, ws, verdict, acks, closeOverCap)
        })
      },
      (err: unknown) => {
        logger.error({ err, path: url.pathname }, 'sync upgrade failed')
        reject(socket, 500)
      },
    )
  }
}

const REJECTIONS: Record<number, { code: string; message: string }> = {
  400: { code: 'bad_request', message: 'the sync endpoint takes WebSocket upgrades' },
  404: { code: 'not_found', message: 'not found' },
  500: { code: 'internal_error', message: 'the sync server could not check this connection; try again' },
}

/** Answers an upgrade request that gets no socket, in the API's error shape, and ends the connection. */
function reject(socket: Duplex, status: number): void {
  if (socket.destroyed) return
  const body = JSON.stringify({ error: REJECTIONS[status] ?? { code: 'internal_error', message: STATUS_CODES[status] ?? 'error' } })
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
}

/** The sync server's handle of each open socket, for the listeners below (shared by every socket). */
const handles = new WeakMap<WebSocket, ConnectionHandle>()

// One function for every socket, not a closure per socket: `this` is the socket (EventEmitter).
// ws emits 'error' (a malformed frame, a reset) before it closes: with no listener that would throw.
function ignore(): void {}
function onPong(this: WebSocket): void {
  handles.get(this)?.heard()
}
function onClose(this: WebSocket): void {
  handles.get(this)?.disconnect()
}
function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  const handle = handles.get(this)
  if (!handle) return
  if (!isBinary) return handle.receiveText()
  // A copy: the frame may be a view into the socket's read buffer, and the sync server keeps
  // frames (queued writes, frames held during a handover).
  handle.receive(data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : data))
}

/** How the sync server talks to one socket; `close` is ws's own (the socket's `close` is `closeOverCap`). */
class SocketTransport implements Transport {
  constructor(private readonly ws: WebSocket) {}

  send(data: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(data)
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) WebSocket.prototype.close.call(this.ws, code, reason)
  }

  isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN
  }

  ping(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping()
  }

  terminate(): void {
    this.ws.terminate()
  }
}

/** Wires an open socket to the sync server (or closes it with the door's refusal). */
function attach(collab: CollabServer, ws: WebSocket, verdict: Verdict, acks: boolean, closeOverCap: WebSocket['close']): void {
  ws.on('error', ignore)
  if ('refuse' in verdict) {
    collab.metrics.closed.inc({ code: String(verdict.refuse) })
    ws.close(verdict.refuse, verdict.reason)
    return
  }
  ws.close = closeOverCap
  handles.set(ws, collab.connect(verdict, new SocketTransport(ws), { acks }))
  ws.on('pong', onPong)
  ws.on('message', onMessage)
  ws.on('close', onClose)
}
