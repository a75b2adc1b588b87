import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.js'
import { SESSION_COOKIE } from '../auth/cookie-names.js'
import { isAllowedOrigin, lookupSession, sessionPolicyOf } from '../auth/request-identity.js'
import { CloseCode } from '../../shared/close-codes.js'
import type { CollabServer } from '../collab/collab-server.js'
import { authorize } from '../collab/door.js'
import { HttpLinks } from '../collab/http-links.js'
import { STORED_ACKS_PARAM } from '../../shared/stored-acks.js'

/**
 * The HTTP side of the sync fallback (http-links.ts), `/collab-http/<docName>`: GET opens the
 * Server-Sent Events stream after the same door as the socket (document name, Origin, session,
 * permission, existence); POST `?id=` carries the client's frames, from the allowed Origin only
 * (never missing: a browser always sends it on POST) and with the session the stream was opened with.
 */
export function collabHttpRoutes(collab: CollabServer) {
  const links = new HttpLinks(collab)
  const route = new Hono<AppEnv>()
  const docOf = (path: string) => path.slice(path.indexOf('/collab-http/') + '/collab-http/'.length)

  route.get('/*', async (c) => {
    const { config } = c.var.deps
    const verdict = await authorize(
      { rawDocName: docOf(c.req.path), origin: c.req.header('origin'), sessionId: getCookie(c, SESSION_COOKIE) },
      { db: c.var.db, publicOrigin: config.publicOrigin, sessions: sessionPolicyOf(config) },
    )
    const encoder = new TextEncoder()
    let disconnect = () => {}
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let ended = false
        const link = links.open(
          verdict,
          (text) => {
            if (!ended) controller.enqueue(encoder.encode(text))
          },
          () => {
            if (ended) return
            ended = true
            controller.close()
          },
          { acks: c.req.query(STORED_ACKS_PARAM) === '1' },
        )
        disconnect = () => {
          ended = true
          link.disconnect()
        }
        c.req.raw.signal.addEventListener('abort', () => disconnect())
      },
      cancel() {
        disconnect()
      },
    })
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        // Never cached or transformed on the way (a buffering proxy would hold the stream back).
        'cache-control': 'no-store, no-transform',
        'x-accel-buffering': 'no',
      },
    })
  })

  route.post('/*', async (c) => {
    const { config } = c.var.deps
    const refuse = (status: 400 | 401 | 403 | 404 | 413, code: string, message: string) => c.json({ error: { code, message } }, status)
    if (!isAllowedOrigin(c.req.header('origin'), config.publicOrigin, 'refuse')) return refuse(403, 'forbidden', 'origin not allowed')
    const session = await lookupSession(c.var.db, getCookie(c, SESSION_COOKIE), sessionPolicyOf(config))
    if (!session) return refuse(401, 'unauthenticated', 'sign in first')
    let doc: string
    try {
      doc = decodeURIComponent(docOf(c.req.path))
    } catch {
      return refuse(404, 'not_found', 'no such stream')
    }
    const link = links.find(c.req.query('id') ?? '', doc, session.idHash)
    // Closed, never opened, another document or another person's: the client reconnects.
    if (!link) return refuse(404, 'not_found', 'no such stream')
    // One frame of the socket's largest, with its length prefix; the length is declared up front
    // (a browser's fetch always does), so nothing larger is read.
    const cap = collab.maxFrameBytes + 16
    const declared = Number(c.req.header('content-length') ?? 'NaN')
    const tooLarge = () => {
      link.close(CloseCode.tooLarge, `frame larger than ${collab.maxFrameBytes} bytes`)
      return refuse(413, 'payload_too_large', 'body too large')
    }
    if (!(declared <= cap)) return tooLarge()
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.byteLength > cap) return tooLarge()
    links.receive(link, bytes, collab.maxFrameBytes)
    return c.body(null, 204)
  })
  return route
}
