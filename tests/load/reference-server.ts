/**
 * The reference for the sync benchmark: the stock in-memory y-websocket server (v1.5.4's
 * bin/utils.js), no authentication, nothing stored. Run as its own process by bench.ts.
 */
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { WebSocketServer } from 'ws'

const require = createRequire(import.meta.url)
// The package's `exports` hide bin/: load the file by its path.
const utilsPath = path.join(path.dirname(require.resolve('y-websocket-legacy')), '..', 'bin', 'utils.js')
const { setupWSConnection } = require(utilsPath) as {
  setupWSConnection: (conn: unknown, req: http.IncomingMessage, opts?: { gc?: boolean }) => void
}
const server = http.createServer((_req, res) => res.end('reference'))
const wss = new WebSocketServer({ server })
wss.on('connection', (conn, req) => setupWSConnection(conn, req, { gc: true }))
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'))
