import type { Hono } from 'hono'
import type { Config } from '../../server/config.js'
import type { EngineKind } from '../../server/db/connect.js'
import { createLogger } from '../../server/logger.js'
import { createApp } from '../../server/app.js'
import type { AppEnv, AppServices } from '../../server/app-env.js'
import { RollupCache } from '../../server/rollup/rollup-cache.js'
import type { Rollup } from '../../shared/schemas/rollup.js'
import { openTestDb, type TestDb } from './engines.js'
import { testConfig } from './test-server.js'

/**
 * The HTTP app in-process, over a fresh test database: requests go through Hono's `app.request()`,
 * with no port, no socket and no sync server. For REST tests that need no WebSocket; a test that
 * opens sockets uses `startTestServer`.
 */
export interface TestApp {
  /** Answers a request in-process; pass it to `client()` where a base URL would go. */
  fetch(path: string, init?: RequestInit): Promise<Response>
  origin: string
  config: Config
  db: TestDb
  app: Hono<AppEnv>
  services: AppServices
  close(): Promise<void>
}

/**
 * What `@hono/node-server` hands the app for a connection from the loopback address; the app reads
 * the client address from it (sign-in limits, the audit trail), as it would behind a real socket.
 */
const LOOPBACK = { incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 0, remoteFamily: 'IPv4' } } }

/**
 * Builds the app as the server does (with the configuration of `startTestServer`), without the
 * services that need a listening server or background work: no sync server, no projector. A roll-up
 * cache is there, as in the server, so writes invalidate it the same way.
 * @param env extra configuration, as environment variables
 */
export async function openTestApp(engine: EngineKind, env: Record<string, string> = {}): Promise<TestApp> {
  const db = await openTestDb(engine)
  const config = testConfig(env)
  const services: AppServices = { rollupCache: new RollupCache<Rollup>() }
  const app = createApp({ db: db.db, engine: db.kind, config, logger: createLogger(config.logLevel), services })
  return {
    fetch: async (path, init) => app.request(path, init, LOOPBACK),
    origin: config.publicOrigin,
    config,
    db,
    app,
    services,
    close: () => db.close(),
  }
}
