/**
 * EventSource for Node tests (Node 20 has none): a GET read as a stream of Server-Sent Events,
 * with the headers a browser would send (cookie, Origin). Only what HttpSyncSocket uses.
 */
export class NodeEventSource {
  onerror: ((e: Event) => void) | null = null
  private readonly listeners = new Map<string, ((e: { data: string }) => void)[]>()
  private readonly ctrl = new AbortController()
  private closed = false

  constructor(url: string, init: { headers?: Record<string, string> } = {}) {
    void this.read(url, init.headers ?? {})
  }

  addEventListener(type: string, cb: (e: { data: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), cb])
  }

  close(): void {
    this.closed = true
    this.ctrl.abort()
  }

  private async read(url: string, headers: Record<string, string>): Promise<void> {
    try {
      const res = await fetch(url, { headers, signal: this.ctrl.signal })
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
      const reader = res.body.getReader()
      const decoder = new TextDecoder()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let type = 'message'
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) type = line.slice(7)
            else if (line.startsWith('data: ')) data.push(line.slice(6))
          }
          if (data.length) for (const cb of this.listeners.get(type) ?? []) cb({ data: data.join('\n') })
        }
      }
    } catch {
      // aborted or failed: as the browser's, an error
    }
    if (!this.closed) this.onerror?.(new Event('error'))
  }
}
