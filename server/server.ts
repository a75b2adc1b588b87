import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { Config } from './config.js'
import { connectPGlite, connectPostgres, type Db } from './db/connect.js'
import { migrateToLatest, newerMigrations } from './db/migrator.js'
import type { Logger } from './logger.js'
import { createApp } from './app.js'
import type { AppServices } from './app-env.js'
import { seedDemoIfEmpty } from '../seeds/seed.js'
import { CollabServer, type CollabOptions, type PersistedEvent } from './collab/collab-server.js'
import { collabUpgrade } from './collab/upgrade.js'
import { Projector } from './projection/projector.js'
import { RollupCache } from './rollup/rollup-cache.js'
import { CommentService } from './comments/comment-service.js'
import type { Rollup } from '../shared/schemas/rollup.js'
import { loadTaxonomy } from './taxonomy-file.js'
import { watchSocketSessions } from './auth/session-watch.js'
import { followNoteActivity } from './notes/note-activity.js'
import { MentionNotices } from './mentions/mention-notices.js'
import { HistoryService } from './history/history-service.js'
import { purgeAudit } from './audit/audit.js'
import { freezePendingPeriods } from './periods/period-store.js'
import { pruneVersions } from './db/version-retention.js'
import { EventBus } from './db/event-bus.js'
import { LiveBridge } from './cluster/live-bridge.js'
import { createProcessMetrics } from './ops/process-metrics.js'
import { OidcProviders } from './auth/oidc.js'
import { MailWorker, type MailWorkerOptions } from './mail/mail-worker.js'
import { LiveFacts } from './rollup/facts/live-facts.js'

/** A running server process: its address and how to stop it. */
export interface RunningServer {
  port: number
  url: string
  database: Db
  services: AppServices
  /** Stops accepting, flushes pending writes, closes the database (unless it was handed in). */
  close(): Promise<void>
}

/** Options of `startServer`. */
export interface StartOptions {
  config: Config
  logger: Logger
  /** An open database to use instead of connecting from the config (tests); not closed on close. */
  database?: Db
  /** Overrides of the sync server's timers and bounds (tests). */
  collab?: Partial<CollabOptions>
  /** How often open sockets' sessions are re-checked (tests shorten it). */
  sessionSweepMs?: number
  /** Overrides of the mail worker's timers (tests). */
  mail?: Partial<MailWorkerOptions>
}

/** Opens the database from the configuration. */
export async function openDatabase(config: Config): Promise<Db> {
  return config.databaseUrl ? connectPostgres(config.databaseUrl) : connectPGlite(config.dataDir)
}

/**
 * Connects, migrates, seeds (when asked and the database is empty) and listens. The order of
 * start-up side effects lives here and in main.ts only.
 */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config, logger } = opts
  // Where start-up time goes (LOG_LEVEL=debug prints it once listening).
  const phases: Record<string, number> = {}
  let mark = performance.now()
  const phase = (name: string) => {
    const now = performance.now()
    phases[name] = Math.round(now - mark)
    mark = now
  }
  const database = opts.database ?? (await openDatabase(config))
  const ownsDatabase = !opts.database
  phase('openDatabaseMs')
  await migrateToLatest(database.db)
  const newer = await newerMigrations(database.db)
  if (newer.length) logger.warn({ newer }, 'the database was migrated by a newer version (rolling upgrade): running on the expanded schema')
  phase('migrateMs')
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(database.db)
    if (seeded) logger.info({ users: seeded.users, hubs: seeded.hubs }, 'seeded demo data')
  }
  phase('seedMs')

  const collab = new CollabServer(database, logger, {
    maxFrameBytes: config.syncMaxFrameBytes,
    maxDocBytes: config.syncMaxDocBytes,
    maxHubBytes: config.hubMaxBytes,
    pingMs: config.syncPingMs,
    ...opts.collab,
  })
  await collab.start()
  phase('collabMs')
  const stopNoteActivity = followNoteActivity(collab, database.db, logger)
  const projection = new Projector(database.db, loadTaxonomy(), logger)
  const onPersisted = ({ doc }: PersistedEvent) => projection.schedule(doc)
  collab.events.on('persisted', onPersisted)
  // Seeded or edited while no projector ran: projected in the background, the server is up already.
  // A period the seed locked is frozen once its items exist.
  let stopping = false
  const caughtUp = projection
    .catchUp()
    .then(() => (stopping ? undefined : freezePendingPeriods(database.db)))
    .catch((err) => logger.warn({ err: (err as Error).message }, 'projection catch-up failed'))
  const rollupCache = new RollupCache<Rollup>()
  const comments = new CommentService(database.db, collab)
  // Mentions written into briefs and notes are heard of after their commit, off the sync path.
  const mentionNotices = new MentionNotices(database.db, comments.live, logger)
  const stopMentions = mentionNotices.follow(collab.events)
  // What other processes on the same PostgreSQL must hear: session ends, lost access, live events,
  // stale roll-ups (cluster/live-bridge.ts). In-process only on PGlite.
  const ops = createProcessMetrics(collab.metrics.registry, {
    streams: () => comments.streams.size,
    peers: () => bus.peerCount(),
    pool: database.pool,
    pendingWrites: () => collab.pendingWrites,
  })
  const bus = new EventBus(database.pool, collab.processId, logger, ops.bus)
  const live = new LiveBridge(bus, { collab, streams: comments.streams, invalidateRollups: () => rollupCache.invalidate() })
  comments.publishLive = (e) => live.live(e)
  await bus.start()
  const stopProjectionLag = ops.followProjection(collab.events, projection.events)
  projection.events.on('projected', () => live.rollupsStale())
  const stopSessionWatch = watchSocketSessions(
    collab,
    database.db,
    { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs },
    logger,
    opts.sessionSweepMs,
    () => comments.streams.sessionHashes(),
  )
  const services: AppServices = {
    collab, projection, rollupCache, rollupFacts: new LiveFacts(database.db), comments, history: new HistoryService(database.db, collab), bus, live,
    oidc: new OidcProviders(config.oidcProviders, config.publicOrigin), mail: null,
  }
  // E-mail: the outbox is sent in the background; without SMTP_URL nothing is queued at all.
  if (config.mail) {
    services.mail = new MailWorker(database.db, config.mail, config.publicOrigin, logger, opts.mail)
    await services.mail.start()
  }
  // Retention of the audit trail and of document versions (db/version-retention.ts): at start, then daily.
  const purge = () =>
    Promise.all([
      purgeAudit(database.db, config.auditRetentionDays).then(
        (n) => n > 0 && logger.info({ purged: n }, 'old audit events purged'),
        (err) => logger.warn({ err: (err as Error).message }, 'audit purge failed'),
      ),
      pruneVersions(database.db).then(
        (n) => n > 0 && logger.info({ pruned: n }, 'old versions pruned'),
        (err) => logger.warn({ err: (err as Error).message }, 'version pruning failed'),
      ),
    ])
  void purge()
  const purgeTimer = setInterval(() => void purge(), 86_400_000)
  purgeTimer.unref()
  const app = createApp({ db: database.db, engine: database.kind, config, logger, services })
  // permessage-deflate pays on document opens and pastes (text compresses ~3×, tests/load/bad-link-bench.ts),
  // not on keystrokes (a few dozen bytes): only messages past the threshold are compressed, and no
  // context is kept between messages. But ws resets a socket's zlib streams, it does not free
  // them: once a socket has sent one compressed message its compressor stays allocated until the
  // socket closes, ~230 kB of RSS with zlib's defaults (a browser compresses every message, so its
  // decompressor is there from the first frame too). A 4 kB window and memLevel 4 halve that
  // (measured: ~110 kB per socket) and compress a stored document ~2.0× where the defaults did ~2.1×.
  const deflate = config.syncDeflateMinBytes > 0
    ? {
        threshold: config.syncDeflateMinBytes, serverNoContextTakeover: true, clientNoContextTakeover: true, concurrencyLimit: 4,
        serverMaxWindowBits: 12, clientMaxWindowBits: 12, zlibDeflateOptions: { memLevel: 4, chunkSize: 4096 }, zlibInflateOptions: { chunkSize: 4096 },
      }
    : false
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.syncMaxFrameBytes, perMessageDeflate: deflate })

  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      { fetch: app.fetch, port: config.port, hostname: config.host },
      () => resolve(s),
    )
  })
  server.on('upgrade', collabUpgrade({ collab, wss, db: database.db, config, logger }))
  server.on('close', () => wss.close())
  const port = (server.address() as AddressInfo).port
  phase('servicesAndListenMs')
  logger.debug(phases, 'start-up phases')

  let closing: Promise<void> | null = null
  return {
    port,
    url: `http://${config.host}:${port}`,
    database,
    services,
    close() {
      closing ??= (async () => {
        // First stop listening: from the moment it is asked to stop, a new connection is refused, so
        // neither a load balancer nor the supervisor that sent SIGTERM takes the flushing process for a
        // live one, nor hands it requests it could not finish. Open sockets stay until their writes
        // are stored; idle keep-alive connections go now.
        const listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()))
        if ('closeIdleConnections' in server) server.closeIdleConnections()
        // Every pending write is durable before the sockets and the database go.
        stopSessionWatch()
        clearInterval(purgeTimer)
        comments.close()
        live.close()
        stopProjectionLag()
        await services.mail?.stop()
        stopNoteActivity()
        collab.events.off('persisted', onPersisted)
        await collab.close()
        stopMentions()
        await mentionNotices.idle()
        stopping = true
        await projection.stop()
        await caughtUp
        await bus.stop()
        for (const client of wss.clients) client.terminate()
        // What is still open now (a long poll of the HTTP sync fallback) has nothing left to wait for.
        if ('closeAllConnections' in server) server.closeAllConnections()
        await listenerClosed
        if (ownsDatabase) await database.close()
      })()
      return closing
    },
  }
}
