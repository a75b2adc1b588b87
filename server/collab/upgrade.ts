import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { upgradeWebSocket } from '@hono/node-server'
import type { WebSocket } from 'ws'
import type { AppEnv } from '../app-env.js'
import { decide, membershipOf, type Actor } from '../../shared/access.js'
import { findActorBySession } from '../auth/session-store.js'
import { SESSION_COOKIE } from '../auth/cookie-names.js'
import { parseDocName } from '../../shared/doc-names.js'
import { CloseCode } from '../../shared/close-codes.js'
import type { CollabServer } from './collab-server.js'
import { connectionBuckets } from './guards.js'
import type { Connection, Room } from './room.js'

/**
 * The one door of the sync endpoint, `GET /collab/<docName>` (CONTRACT §6). It is a Hono route
 * because @hono/node-server owns the HTTP server's upgrade event (STACK.md); everything past the
 * door is plain collab code. A refused caller is accepted and closed at once with 4401/4403 (that
 * stops y-websocket's reconnect loop) and no document is loaded for it.
 */
export function collabRoute(collab: CollabServer) {
  return upgradeWebSocket(async (c: Context<AppEnv>) => {
    const verdict = await authorize(c)
    let room: Room | null = null
    let conn: Connection | null = null
    let ready: Promise<void> = Promise.resolve()
    return {
      onOpen(_event, ws) {
        const raw = ws.raw as WebSocket
        if ('refuse' in verdict) {
          collab.metrics.closed.inc({ code: String(verdict.refuse) })
          ws.close(verdict.refuse, verdict.reason)
          return
        }
        // ws closes an over-cap frame with 1009; the contract wants a code ≥ 4000 and a reason.
        const originalClose = raw.close.bind(raw)
        raw.close = ((code?: number, reason?: string | Buffer) =>
          code === 1009
            ? (collab.metrics.closed.inc({ code: String(CloseCode.tooLarge) }),
              originalClose(CloseCode.tooLarge, `frame larger than ${collab.maxFrameBytes} bytes`))
            : originalClose(code, reason)) as typeof raw.close
        const { actor, doc, readOnly, sessionHash } = verdict
        conn = {
          id: collab.newConnectionId(),
          actor,
          sessionHash,
          lastEditAt: 0,
          readOnly,
          stamp: { id: actor.id, name: actor.name, mission: missionLabel(actor, doc) },
          awarenessClientId: null,
          buckets: connectionBuckets(collab.limits, collab.maxFrameBytes),
          send: (data) => {
            if (raw.readyState === raw.OPEN) raw.send(data)
          },
          close: (code, reason) => {
            if (raw.readyState === raw.OPEN || raw.readyState === raw.CONNECTING) originalClose(code, reason)
          },
          isOpen: () => raw.readyState === raw.OPEN,
        }
        const joining = conn
        ready = collab.acquire(doc).then(
          (r) => {
            room = r
            if (joining.isOpen()) collab.join(r, joining)
          },
          () => joining.close(CloseCode.serverError, 'document could not be loaded'),
        )
      },
      onMessage(event, _ws) {
        const current = conn
        if (!current) return
        const data = event.data
        if (typeof data === 'string') {
          collab.refuse(current, CloseCode.malformed, 'text frames are not part of the protocol', 'n/a')
          return
        }
        const bytes = new Uint8Array(data as ArrayBuffer)
        // Frames that arrive while the room loads wait for it, in order.
        void ready.then(() => {
          if (room && current.isOpen()) collab.handleFrame(room, current, bytes)
        })
      },
      onClose() {
        const current = conn
        if (!current) return
        void ready.then(() => room && collab.leave(room, current))
      },
    }
  })
}

type Verdict =
  | { refuse: number; reason: string }
  | { actor: Actor; doc: string; readOnly: boolean; sessionHash: string }

/** Decides at the upgrade, through access.ts, before anything is loaded. */
async function authorize(c: Context<AppEnv>): Promise<Verdict> {
  const { config } = c.var.deps
  let name: string
  try {
    name = decodeURIComponent(c.req.path.slice('/collab/'.length))
  } catch {
    return { refuse: CloseCode.unknownDocument, reason: 'unknown document' }
  }
  const doc = parseDocName(name)
  if (!doc) return { refuse: CloseCode.unknownDocument, reason: 'unknown document' }
  const origin = c.req.header('origin')
  // Browsers always send Origin; a foreign one is a cross-site socket riding the cookie.
  if (origin !== undefined && origin !== config.publicOrigin) {
    return { refuse: CloseCode.forbidden, reason: 'origin not allowed' }
  }
  const rawId = getCookie(c, SESSION_COOKIE)
  const session = rawId
    ? await findActorBySession(c.var.db, rawId, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs })
    : null
  if (!session) return { refuse: CloseCode.unauthenticated, reason: 'sign in first' }
  const permission = decide(session.actor, { kind: 'doc', doc })
  if (permission === 'none') return { refuse: CloseCode.forbidden, reason: 'you may not open this document' }
  return { actor: session.actor, doc: doc.name, readOnly: permission !== 'write', sessionHash: session.idHash }
}

/** What presence shows as a person's mission: their mission in the hub, else their role. */
function missionLabel(actor: Actor, docName: string): string {
  const hubId = parseDocName(docName)?.hubId ?? ''
  return membershipOf(actor, hubId)?.mission ?? (actor.role === 'hq' ? 'HQ' : actor.role === 'admin' ? 'Admin' : actor.role)
}
