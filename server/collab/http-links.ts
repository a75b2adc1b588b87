import { randomBytes } from 'node:crypto'
import * as decoding from 'lib0/decoding'
import { CloseCode } from '../../shared/close-codes.js'
import type { Verdict } from './door.js'
import type { CollabServer, ConnectionHandle } from './collab-server.js'

/**
 * The sync protocol where WebSockets are blocked (an embassy proxy that refuses `Upgrade`): the
 * same y-protocols messages, the server's down a Server-Sent Events stream, the client's up in
 * POSTs. Each stream is one connection of the sync server, made through the same `connect` as a
 * socket (door, rate guards, meaning checks, persist before relay): rooms do not know which
 * transport a peer uses. Knows nothing of HTTP frameworks; server/api/collab-http.ts adapts it.
 *
 *   down: `event: hello` {id}, then `data: <base64 frame>` per message, `event: close` {code, reason}
 *   up:   POST body = frames, each prefixed with its length (lib0 varuint)
 */

/** One open stream: where its frames go, and whose it is. */
interface Link {
  doc: string
  sessionHash: string
  handle: ConnectionHandle
  close(code: number, reason: string): void
  /** When the client last POSTed (ms since the epoch). */
  heardAt: number
}

/** A server-sent event carrying `data` (one line: base64 or JSON). */
const sseEvent = (data: string, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${data}\n\n`

/** Keeps proxies from timing out an idle stream (a comment line, ignored by EventSource). */
const KEEPALIVE_MS = 20_000

export class HttpLinks {
  private readonly links = new Map<string, Link>()

  constructor(private readonly collab: CollabServer) {}

  get size(): number {
    return this.links.size
  }

  /**
   * The down stream of a caller the door decided on: a refusal is one `close` event (the
   * EventSource equivalent of the socket's close code), an admission a live connection.
   * @param write sends text on the stream; `end` ends it
   */
  open(verdict: Verdict, write: (text: string) => void, end: () => void, options: { acks?: boolean } = {}): { disconnect(): void } {
    if ('refuse' in verdict) {
      this.collab.metrics.closed.inc({ code: String(verdict.refuse) })
      write(sseEvent(JSON.stringify({ code: verdict.refuse, reason: verdict.reason }), 'close'))
      end()
      return { disconnect() {} }
    }
    // The id is the stream's secret: POSTs name it, and must come with the same session.
    const id = randomBytes(16).toString('base64url')
    let open = true
    const keepalive = setInterval(() => open && write(': keep-alive\n\n'), KEEPALIVE_MS)
    keepalive.unref()
    // A stream cannot be pinged, and a stream whose client vanished (its network dropped) may look
    // open for minutes: a live client POSTs its presence renewal every 15 s (once a minute when its
    // tab is hidden), so a stream silent past the bound is closed, releasing its room, presence and
    // client ids. 4001 is not a refusal: a client still there reconnects.
    const silenceMs = this.collab.httpSilenceMs
    const silence = setInterval(() => {
      const link = this.links.get(id)
      if (link && Date.now() - link.heardAt > silenceMs) close(CloseCode.goingAway, `nothing heard from the client for ${Math.round(silenceMs / 1000)} s`)
    }, Math.max(50, Math.min(KEEPALIVE_MS, silenceMs / 4)))
    silence.unref()
    const finish = () => {
      if (!open) return false
      open = false
      clearInterval(keepalive)
      clearInterval(silence)
      this.links.delete(id)
      return true
    }
    const close = (code: number, reason: string) => {
      if (!finish()) return
      write(sseEvent(JSON.stringify({ code, reason }), 'close'))
      end()
      handle.disconnect()
    }
    write(sseEvent(JSON.stringify({ id }), 'hello'))
    const handle = this.collab.connect(verdict, {
      send: (data) => {
        if (open) write(sseEvent(Buffer.from(data).toString('base64')))
      },
      close,
      isOpen: () => open,
    }, options)
    this.links.set(id, { doc: verdict.doc, sessionHash: verdict.sessionHash, handle, close, heardAt: Date.now() })
    return {
      // The client went away (stream closed): like a socket's close.
      disconnect: () => {
        if (finish()) handle.disconnect()
      },
    }
  }

  /** The stream a POST names, if it is open, on this document and of this session. */
  find(id: string, doc: string, sessionHash: string | null): Link | null {
    const link = this.links.get(id)
    return link && link.doc === doc && link.sessionHash === sessionHash ? link : null
  }

  /**
   * Hands a POST's frames to the connection, in order. A frame over the cap closes it with 4413
   * (the socket's code); bytes that are not length-prefixed frames close it as malformed.
   */
  receive(link: Link, body: Uint8Array, maxFrameBytes: number): void {
    link.heardAt = Date.now()
    const decoder = decoding.createDecoder(body)
    try {
      while (decoding.hasContent(decoder)) {
        const len = decoding.readVarUint(decoder)
        if (len > maxFrameBytes) return link.close(CloseCode.tooLarge, `frame larger than ${maxFrameBytes} bytes`)
        if (len > body.byteLength - decoder.pos) return link.close(CloseCode.malformed, 'frame length larger than the body')
        link.handle.receive(decoding.readUint8Array(decoder, len))
      }
    } catch {
      link.close(CloseCode.malformed, 'malformed body')
    }
  }
}
