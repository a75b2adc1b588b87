import { loadConfig, type Config } from '../../server/config.js'
import type { EngineKind } from '../../server/db/connect.js'
import { createLogger } from '../../server/logger.js'
import { startServer, type RunningServer } from '../../server/server.js'
import type { CollabOptions } from '../../server/collab/collab-server.js'
import type { MailWorkerOptions } from '../../server/mail/mail-worker.js'
import { openTestDb, type TestDb } from './engines.js'
import { freePort } from './global-setup.js'

/** The real app on a free port of 127.0.0.1, over a fresh test database. */
export interface TestServer {
  url: string
  origin: string
  config: Config
  db: TestDb
  server: RunningServer
  close(): Promise<void>
}

/** The configuration of a test server: loopback, any free port, no demo seed, quiet logs. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'error', PUBLIC_ORIGIN: 'http://hubwork.test', ...env })
}

/**
 * Starts the whole server (HTTP + sockets) on a fresh database of `engine`.
 * @param env extra configuration, as environment variables (e.g. `{ SEED_DEMO: '1' }`)
 */
export async function startTestServer(
  engine: EngineKind,
  env: Record<string, string> = {},
  collab: Partial<CollabOptions> = {},
  mail: Partial<MailWorkerOptions> = {},
): Promise<TestServer> {
  const db = await openTestDb(engine)
  const config = testConfig(env)
  const server = await startServer({ config, logger: createLogger(config.logLevel), database: db, collab, sessionSweepMs: 250, mail })
  return {
    url: server.url,
    origin: config.publicOrigin,
    config,
    db,
    server,
    async close() {
      await server.close()
      await db.close()
    },
  }
}

/**
 * The server for a browser: on a port chosen before start, so the public origin can be its own
 * address and the browser's Origin header passes the guard.
 */
export async function startBrowserTestServer(env: Record<string, string> = {}, collab: Partial<CollabOptions> = {}): Promise<TestServer> {
  const port = await freePort()
  return startTestServer('pglite', { PORT: String(port), PUBLIC_ORIGIN: `http://127.0.0.1:${port}`, ...env }, collab)
}
