/** An open `GET /api/events` stream of a test: what it received so far, and whether it ended. */
export interface OpenStream {
  status: number
  text(): string
  /** How many events of this name arrived. */
  count(event: string): number
  ended(): boolean
  close(): void
}

/** Opens the live channel with a session cookie and reads it in the background. */
export async function openEvents(baseUrl: string, cookie: string): Promise<OpenStream> {
  const ctrl = new AbortController()
  const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie }, signal: ctrl.signal })
  let text = ''
  let ended = false
  if (res.ok && res.body) {
    const reader = res.body.getReader()
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          text += new TextDecoder().decode(value)
        }
      } catch {
        /* aborted */
      }
      ended = true
    })()
  } else {
    ended = true
  }
  return {
    status: res.status,
    text: () => text,
    count: (event) => text.split(`event: ${event}\n`).length - 1,
    ended: () => ended,
    close: () => ctrl.abort(),
  }
}
