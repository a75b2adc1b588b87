import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { upgradeWebSocket } from '@hono/node-server'
import type { WebSocket } from 'ws'
import type { AppEnv } from '../app-env.js'
import { SESSION_COOKIE } from '../auth/cookie-names.js'
import { sessionPolicyOf } from '../auth/request-identity.js'
import { CloseCode } from '../../shared/close-codes.js'
import type { CollabServer, ConnectionHandle } from './collab-server.js'
import { authorize } from './door.js'
import { STORED_ACKS_PARAM } from '../../shared/stored-acks.js'

/**
 * The HTTP side of the sync endpoint, `GET /collab/<docName>`: the only collab code that knows
 * Hono, because @hono/node-server owns the HTTP server's upgrade event. It reads the request for
 * the door (door.ts), and hands an admitted socket to the sync server. A refused caller is
 * accepted and closed at once with 4401/4403 (that stops y-websocket's reconnect loop) and no
 * document is loaded for it.
 */
export function collabRoute(collab: CollabServer) {
  return upgradeWebSocket(async (c: Context<AppEnv>) => {
    const { config } = c.var.deps
    const verdict = await authorize(
      { rawDocName: c.req.path.slice('/collab/'.length), origin: c.req.header('origin'), sessionId: getCookie(c, SESSION_COOKIE) },
      { db: c.var.db, publicOrigin: config.publicOrigin, sessions: sessionPolicyOf(config) },
    )
    let handle: ConnectionHandle | null = null
    return {
      onOpen(_event, ws) {
        const raw = ws.raw as WebSocket
        if ('refuse' in verdict) {
          collab.metrics.closed.inc({ code: String(verdict.refuse) })
          ws.close(verdict.refuse, verdict.reason)
          return
        }
        // ws closes an over-cap frame with 1009; the protocol promises a code ≥ 4000 and a reason.
        const originalClose = raw.close.bind(raw)
        raw.close = ((code?: number, reason?: string | Buffer) =>
          code === 1009
            ? (collab.metrics.closed.inc({ code: String(CloseCode.tooLarge) }),
              originalClose(CloseCode.tooLarge, `frame larger than ${collab.maxFrameBytes} bytes`))
            : originalClose(code, reason)) as typeof raw.close
        const acks = c.req.query(STORED_ACKS_PARAM) === '1'
        handle = collab.connect(verdict, {
          send: (data) => {
            if (raw.readyState === raw.OPEN) raw.send(data)
          },
          close: (code, reason) => {
            if (raw.readyState === raw.OPEN || raw.readyState === raw.CONNECTING) originalClose(code, reason)
          },
          isOpen: () => raw.readyState === raw.OPEN,
          ping: () => {
            if (raw.readyState === raw.OPEN) raw.ping()
          },
          terminate: () => raw.terminate(),
        }, { acks })
        raw.on('pong', () => handle?.heard())
      },
      onMessage(event) {
        if (!handle) return
        if (typeof event.data === 'string') return handle.receiveText()
        handle.receive(new Uint8Array(event.data as ArrayBuffer))
      },
      onClose() {
        handle?.disconnect()
      },
    }
  })
}
