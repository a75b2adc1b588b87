import { LiveFacts } from '../../server/rollup/facts/live-facts.js'
import type { Hono } from 'hono'
import type { Config } from '../../server/config.js'
import type { EngineKind } from '../../server/db/connect.js'
import { createLogger } from '../../server/logger.js'
import { createApp } from '../../server/app.js'
import type { AppEnv, AppServices } from '../../server/app-env.js'
import { RollupCache } from '../../server/rollup/rollup-cache.js'
import { CollabServer } from '../../server/collab/collab-server.js'
import { Projector } from '../../server/projection/projector.js'
import { CommentService } from '../../server/comments/comment-service.js'
import { HistoryService } from '../../server/history/history-service.js'
import { EventBus } from '../../server/db/event-bus.js'
import { LiveBridge } from '../../server/cluster/live-bridge.js'
import { OidcProviders } from '../../server/auth/oidc.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
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
 * Builds the app as the server does (with the configuration of `startTestServer`), answering
 * through `app.request()`: no listening server, no socket. The services are the real ones.
 * @param env extra configuration, as environment variables
 */
export async function openTestApp(engine: EngineKind, env: Record<string, string> = {}): Promise<TestApp> {
  const db = await openTestDb(engine)
  const config = testConfig(env)
  const logger = createLogger(config.logLevel)
  // Every service the routes need, none listening: the sync server takes no socket here and its
  // rooms load only when a route asks for a document's state.
  const collab = new CollabServer(db, logger, { maxFrameBytes: config.syncMaxFrameBytes, maxDocBytes: config.syncMaxDocBytes })
  const projection = new Projector(db.db, loadTaxonomy(), logger)
  const comments = new CommentService(db.db, collab)
  const rollupCache = new RollupCache<Rollup>()
  // In-process bus: one app, no LISTEN.
  const bus = new EventBus(null, collab.processId, logger)
  const live = new LiveBridge(bus, { collab, streams: comments.streams, invalidateRollups: () => rollupCache.invalidate() })
  comments.publishLive = (e) => live.live(e)
  const services: AppServices = {
    rollupCache, rollupFacts: new LiveFacts(db.db), collab, projection, comments, history: new HistoryService(db.db, collab), bus, live,
    oidc: new OidcProviders(config.oidcProviders, config.publicOrigin), mail: null,
  }
  const app = createApp({ db: db.db, engine: db.kind, config, logger, services })
  return {
    fetch: async (path, init) => app.request(path, init, LOOPBACK),
    origin: config.publicOrigin,
    config,
    db,
    app,
    services,
    close: async () => {
      comments.close()
      await collab.close()
      await projection.stop()
      await db.close()
    },
  }
}
