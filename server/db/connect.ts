import { PGlite } from '@electric-sql/pglite'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

/** Which engine a Kysely instance talks to: `/api/health` reports it. */
export type EngineKind = 'pglite' | 'postgres'

/** A connected database and how to close it. */
export interface Db {
  db: Kysely<Database>
  kind: EngineKind
  /** The pg pool, for LISTEN/NOTIFY (postgres only). */
  pool: pg.Pool | null
  /** The PGlite instance (pglite only): tests dump it as a template. */
  pglite: PGlite | null
  close(): Promise<void>
}

const INT8 = 20
const DATE = 1082

// Both drivers must hand back the same JS types: int8 as number (sequence numbers stay far below
// 2^53) and `date` as the 'YYYY-MM-DD' string it is (pg would turn it into a local-midnight Date).
const parseInt8 = (v: string) => Number(v)
const keepDate = (v: string) => v

/** Connects to PostgreSQL through `pg`. */
export function connectPostgres(url: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8) return parseInt8
        if (oid === DATE) return keepDate
        return pg.types.getTypeParser(oid, format as 'text')
      }) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its server (PostgreSQL restarted) must not crash the process.
  pool.on('error', () => {})
  // Nor a checked-out one: pg-pool listens for errors on idle clients only, and a client whose
  // server goes away mid-transaction emits 'error' with nobody listening, which kills the process
  // (found by the fault test, tests/integration/faults.test.ts). The query in flight is rejected
  // anyway, so its caller retries (group commit) or answers 5xx; the pool drops the dead client.
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', pool, pglite: null, close: () => db.destroy() }
}

/**
 * PGlite's buffer pool. initdb writes 128MB, and inside PGlite's WebAssembly memory the whole pool
 * is resident from the start, used or not: ~100 MiB of an idle server's RSS, for the few dozen
 * megabytes of database a small deployment (PGlite's) holds. Pages beyond the pool are read from
 * the data directory's files, which the OS caches anyway. Idle RSS of a process holding only
 * PGlite on a migrated database: 128MB 300 MiB, 32MB 197 MiB, 16MB 182 MiB.
 */
export const PGLITE_SHARED_BUFFERS = '32MB'

/**
 * Opens PGlite on a data directory (or in memory when `dataDir` is undefined), optionally from a
 * dumped data directory (tests start from a migrated template this way).
 */
export async function connectPGlite(dataDir?: string, loadDataDir?: Blob): Promise<Db> {
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir,
    // Search folds accents (migration 20261202T0300): PGlite loads the extension's code on demand.
    extensions: { unaccent },
    parsers: { [INT8]: parseInt8, [DATE]: keepDate },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  })
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
  return {
    db,
    kind: 'pglite',
    pool: null,
    pglite,
    // destroy() on the built-in dialect closes the PGlite it was given.
    close: () => db.destroy(),
  }
}
