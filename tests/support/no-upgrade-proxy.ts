import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A plain HTTP reverse proxy that refuses `Upgrade` (as many embassy proxies do): every request is
 * passed on, streamed both ways; a WebSocket handshake gets 403. The target is set once known.
 */
export async function startNoUpgradeProxy(): Promise<{ url: string; port: number; setTarget(url: string): void; upgradesRefused(): number; close(): Promise<void> }> {
  let target: URL | null = null
  let refused = 0
  const server = http.createServer((req, res) => {
    if (!target) return void res.writeHead(503).end()
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    res.on('close', () => upstream.destroy())
    req.pipe(upstream)
  })
  server.on('upgrade', (_req, socket) => {
    refused++
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setTarget: (url) => void (target = new URL(url)),
    upgradesRefused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
