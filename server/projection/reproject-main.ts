import { ConfigError, loadConfig } from '../config.js'
import { DataDirLockedError, lockDataDir } from '../data-dir-lock.js'
import { openDatabase } from '../server.js'
import { migrateToLatest } from '../db/migrator.js'
import { loadTaxonomy } from '../taxonomy-file.js'
import { reprojectAll } from './projector.js'

/** `npm run reproject`: rebuilds items and search text from the stored documents, then exits. */
async function main(): Promise<void> {
  const config = loadConfig()
  // PGlite allows one process: refuse while the server holds DATA_DIR (its lock says so).
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir)
  const database = await openDatabase(config)
  try {
    await migrateToLatest(database.db)
    const started = Date.now()
    const docs = await reprojectAll(database.db, loadTaxonomy())
    const items = await database.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    console.log(`reprojected ${docs} documents (${items.n} items) in ${Date.now() - started} ms`)
  } finally {
    await database.close()
    release()
  }
}

main().catch((err: unknown) => {
  console.error(`hubwork reproject: ${err instanceof ConfigError || err instanceof DataDirLockedError ? err.message : (err as Error).message}`)
  process.exit(1)
})
