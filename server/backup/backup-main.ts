import path from 'node:path'
import { ConfigError, loadConfig } from '../config.js'
import { DataDirLockedError, lockDataDir } from '../data-dir-lock.js'
import { openDatabase } from '../server.js'
import { exportInstance, importInstance, ImportError } from './archive.js'
import { migrateToLatest } from '../db/migrator.js'

/**
 * `npm run export -- <file>` and `npm run import -- <file>`: the whole instance to or from an
 * archive (server/backup/archive.ts), using DATA_DIR or DATABASE_URL like the server. With PGlite
 * the server must be stopped (its DATA_DIR lock says so).
 */
async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2)
  if ((command !== 'export' && command !== 'import') || !file) throw new ConfigError('usage: npm run export -- <file> | npm run import -- <file>')
  const config = loadConfig()
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir)
  const database = await openDatabase(config)
  try {
    // An export of a never-started DATA_DIR gives an empty archive rather than an error.
    if (command === 'export') await migrateToLatest(database.db)
    const started = Date.now()
    const counts = command === 'export' ? await exportInstance(database.db, database.kind, path.resolve(file)) : await importInstance(database.db, path.resolve(file))
    const rows = Object.values(counts).reduce((a, b) => a + b, 0)
    console.log(`${command === 'export' ? 'exported' : 'imported'} ${rows} rows (${Object.entries(counts).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(', ')}) in ${Date.now() - started} ms`)
  } finally {
    await database.close()
    release()
  }
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof ImportError
  console.error(`hubwork: ${known ? (err as Error).message : `failed: ${(err as Error).message}`}`)
  process.exit(1)
})
