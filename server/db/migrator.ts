import { sql, type Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { migrations } from '../../migrations/index.js'

/**
 * Brings the schema up to date. Idempotent. Kysely's migrator holds a PostgreSQL advisory lock
 * while it runs, so two processes starting at once against one server do not both migrate.
 * @throws the first failing migration's error
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, untyped
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // The usual start: nothing to do. Two small queries instead of the migrator's dozen (~0.35 s on PGlite).
  if (await upToDate(db)) return []
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * True when every known migration has run. Migrations the database holds beyond those were run by
 * a newer version of Hubwork during a rolling upgrade: by the expand/contract rule
 * (docs/production.md) they only added what this version ignores, so this version runs as it is
 * rather than refusing to start (Kysely's migrator would call the database corrupted).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
async function upToDate(db: Kysely<any>): Promise<boolean> {
  const done = await executedMigrations(db)
  if (!done) return false
  return Object.keys(migrations).every((name) => done.has(name))
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
async function executedMigrations(db: Kysely<any>): Promise<Set<string> | null> {
  const table = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db)
  if (!table.rows[0]?.t) return null
  return new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name))
}

/** Migrations the database holds that this version does not know (a newer version ran them). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function newerMigrations(db: Kysely<any>): Promise<string[]> {
  const done = await executedMigrations(db)
  return [...(done ?? [])].filter((name) => !(name in migrations)).sort()
}
