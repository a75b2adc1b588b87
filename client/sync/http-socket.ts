import * as encoding from 'lib0/encoding'

/**
 * A WebSocket look-alike over plain HTTP, for y-websocket's `WebSocketPolyfill`: the server's
 * messages come down a Server-Sent Events stream, ours go up in POSTs (server/collab/http-links.ts).
 * Works through proxies that refuse `Upgrade`. Only what WebsocketProvider uses is implemented.
 */
export class HttpSyncSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readyState = 0
  binaryType = 'arraybuffer'
  /** Bytes handed to send() and not yet accepted by the server (whenFlushed waits on it). */
  bufferedAmount = 0
  onopen: ((e: Event) => void) | null = null
  onmessage: ((e: { data: ArrayBuffer }) => void) | null = null
  onclose: ((e: { code: number; reason: string }) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  private readonly stream: EventSource
  private readonly postUrl: string
  private id: string | null = null
  private queue: Uint8Array[] = []
  private posting = false

  /**
   * @param url the socket's address, ws(s)://host/collab/<doc>: the same origin's /collab-http/<doc>
   * @param options for programs outside a browser (tests): headers the browser would send itself
   */
  constructor(url: string, _protocols?: string | string[], private readonly options: { headers?: Record<string, string> } = {}) {
    const u = new URL(url)
    u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:'
    u.pathname = u.pathname.replace(/^\/collab\//, '/collab-http/')
    this.postUrl = u.toString()
    this.stream = new EventSource(this.postUrl, options as EventSourceInit)
    // The server names the connection first (`event: hello`): then it is open.
    this.stream.addEventListener('hello', (e) => {
      if (this.readyState !== 0) return
      this.id = (JSON.parse((e as MessageEvent<string>).data) as { id: string }).id
      this.readyState = 1
      this.onopen?.(new Event('open'))
      this.flush()
    })
    this.stream.addEventListener('message', (e) => {
      if (this.readyState !== 1) return
      const bytes = Uint8Array.from(atob(e.data as string), (c) => c.charCodeAt(0))
      this.onmessage?.({ data: bytes.buffer })
    })
    // A refusal or the server closing: the socket's close code and reason.
    this.stream.addEventListener('close', (e) => {
      const { code, reason } = JSON.parse((e as MessageEvent<string>).data) as { code: number; reason: string }
      this.finish(code, reason)
    })
    this.stream.onerror = () => {
      // EventSource would reconnect by itself; the provider decides instead (with the sync handshake).
      this.finish(1006, 'stream lost')
    }
  }

  send(data: ArrayBuffer | Uint8Array): void {
    if (this.readyState !== 1) return
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
    this.queue.push(bytes)
    this.bufferedAmount += bytes.byteLength
    // Messages of one tick go in one POST, in order; one POST at a time keeps them in order.
    queueMicrotask(() => this.flush())
  }

  private flush(): void {
    if (this.readyState === 2 && !this.posting && this.queue.length === 0) return this.finish(1000, '')
    if (this.posting || this.queue.length === 0 || (this.readyState !== 1 && this.readyState !== 2) || !this.id) return
    const batch = this.queue
    this.queue = []
    const encoder = encoding.createEncoder()
    for (const frame of batch) encoding.writeVarUint8Array(encoder, frame)
    const body = encoding.toUint8Array(encoder)
    const sent = batch.reduce((n, f) => n + f.byteLength, 0)
    this.posting = true
    const post = new URL(this.postUrl)
    post.searchParams.set('id', this.id)
    fetch(post.toString(), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { ...this.options.headers, 'content-type': 'application/octet-stream' },
      body,
    }).then(
      (res) => {
        this.posting = false
        this.bufferedAmount -= sent
        // The stream is gone on the server (closed, restarted): a new connection resyncs everything.
        if (!res.ok) return this.finish(1006, `POST answered ${res.status}`)
        this.flush()
      },
      () => {
        this.posting = false
        this.finish(1006, 'POST failed')
      },
    )
  }

  /**
   * Like a socket's close: what was sent before still reaches the server (the server keeps frames a
   * client sent before closing), then the stream ends.
   */
  close(): void {
    if (this.readyState === 1 && (this.posting || this.queue.length > 0)) {
      this.readyState = 2
      return
    }
    this.finish(1000, '')
  }

  private finish(code: number, reason: string): void {
    if (this.readyState === 3) return
    this.readyState = 3
    this.stream.close()
    this.queue = []
    this.bufferedAmount = 0
    this.onclose?.({ code, reason })
  }
}
