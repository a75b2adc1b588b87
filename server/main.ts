import path from 'node:path'
import { ConfigError, loadConfig } from './config.js'
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js'
import { createLogger } from './logger.js'
import { startServer } from './server.js'
import { DEMO_USERS_FILE } from '../seeds/seed.js'

/** The process: config → lock → db → migrate → seed → listen; flush and exit on SIGTERM. */
async function main(): Promise<void> {
  // Since the process started: Node itself and loading the server's code and its dependencies.
  const loaded = performance.now()
  const config = loadConfig()
  const logger = createLogger(config.logLevel)
  const releaseLock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir)
  const started = Date.now()
  const server = await startServer({ config, logger })

  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${path.resolve(config.dataDir)}`
  console.log(`Hubwork is running at http://localhost:${server.port} (${where}), ready in ${Math.round(performance.now())} ms (code loaded in ${Math.round(loaded)} ms, started in ${Date.now() - started} ms)`)
  if (config.seedDemo) console.log(`Demo accounts: ${DEMO_USERS_FILE}`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'stopping: flushing pending writes')
    try {
      await server.close()
    } finally {
      releaseLock()
      process.exit(0)
    }
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((err: unknown) => {
  // Configuration and lock problems are the operator's to fix: one line, no stack trace.
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(`hubwork: ${err.message}`)
  } else {
    console.error('hubwork: failed to start:', err instanceof Error ? err.message : err)
    if (process.env.LOG_LEVEL === 'debug') console.error(err)
  }
  process.exit(1)
})
