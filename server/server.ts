import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { Config } from './config.js'
import { connectPGlite, connectPostgres, type Db } from './db/connect.js'
import { migrateToLatest } from './db/migrator.js'
import type { Logger } from './logger.js'
import { createApp } from './app.js'
import type { AppServices } from './app-env.js'
import { seedDemoIfEmpty } from '../seeds/seed.js'
import { CollabServer, type CollabOptions } from './collab/collab-server.js'
import { HistoryService } from './history/history-service.js'

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
  const database = opts.database ?? (await openDatabase(config))
  const ownsDatabase = !opts.database
  await migrateToLatest(database.db)
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(database.db)
    if (seeded) logger.info({ users: seeded.users, hubs: seeded.hubs }, 'seeded demo data')
  }

  const collab = new CollabServer(database, logger, {
    maxFrameBytes: config.syncMaxFrameBytes,
    maxDocBytes: config.syncMaxDocBytes,
    ...opts.collab,
  })
  await collab.start()
  const services: AppServices = { collab, history: new HistoryService(database.db, collab) }
  const app = createApp({ db: database.db, engine: database.kind, config, logger, services })
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.syncMaxFrameBytes })

  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      { fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } },
      () => resolve(s),
    )
  })
  const port = (server.address() as AddressInfo).port

  let closing: Promise<void> | null = null
  return {
    port,
    url: `http://${config.host}:${port}`,
    database,
    services,
    close() {
      closing ??= (async () => {
        // Every pending write is durable before the sockets and the database go.
        await collab.close()
        for (const client of wss.clients) client.terminate()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        if (ownsDatabase) await database.close()
      })()
      return closing
    },
  }
}
