import type { Kysely } from 'kysely'
import type { Config } from './config.js'
import type { Database } from './db/schema.js'
import type { EngineKind } from './db/connect.js'
import type { Logger } from './logger.js'
import type { Actor } from '../shared/access.js'
import type { CollabServer } from './collab/collab-server.js'
import type { Projector } from './projection/projector.js'
import type { RollupCache } from './rollup/rollup-cache.js'
import type { CommentService } from './comments/comment-service.js'
import type { Rollup } from '../shared/schemas/rollup.js'
import type { HistoryService } from './history/history-service.js'
import type { LiveBridge } from './cluster/live-bridge.js'
import type { EventBus } from './db/event-bus.js'
import type { OidcProviders } from './auth/oidc.js'
import type { MailWorker } from './mail/mail-worker.js'
import type { LiveFacts } from './rollup/facts/live-facts.js'

/** What the process hands to the HTTP app: plain values, no globals. */
export interface AppDeps {
  db: Kysely<Database>
  engine: EngineKind
  config: Config
  logger: Logger
  /** The process's long-lived services; every one is there, so no route checks for it. */
  services: AppServices
}

/** Long-lived services of the process, built by server/server.ts before the app. */
export interface AppServices {
  collab: CollabServer
  projection: Projector
  rollupCache: RollupCache<Rollup>
  /** The live items' roll-up facts, in memory, brought up to date before each roll-up. */
  rollupFacts: LiveFacts
  comments: CommentService
  /** Version history and restores; its `events` carry 'restored' and 'entry-restored' (audit). */
  history: HistoryService
  /** The cross-process event bus (PostgreSQL NOTIFY, or in-process on PGlite). */
  bus: EventBus
  /** What must reach every process: session ends, lost access, live events, stale roll-ups. */
  live: LiveBridge
  /** The OpenID Connect identity providers of the configuration (none: an empty list). */
  oidc: OidcProviders
  /** The outbox's sender, when SMTP_URL is set; null: nothing is mailed. */
  mail: MailWorker | null
}

/** Hono environment: the variables a request carries after the middleware. */
export interface AppEnv {
  Variables: {
    deps: AppDeps
    db: Kysely<Database>
    /** The signed-in user, or null. Set by the session middleware. */
    actor: Actor | null
    /** Hash of the current session id, when signed in. */
    sessionHash: string | null
  }
}
