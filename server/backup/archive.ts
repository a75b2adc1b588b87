import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip, createGzip } from 'node:zlib'
import { once } from 'node:events'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { TABLE_COLUMNS } from '../db/schema.js'
import { migrations } from '../../migrations/index.js'
import { migrateToLatest } from '../db/migrator.js'

/**
 * Whole-instance backup (`npm run export` / `npm run import`). Archive format `hubwork-backup`, version 1: a gzip-compressed
 * file of JSON lines. Line 1 is the header `{format, version, createdAt, engine, migrations, tables}`;
 * then, table by table in foreign-key order, one line `{"table": name, "columns": [...]}` followed by
 * one line per row `{"r": [values in column order]}`. Binary values (Yjs updates) are written as
 * `{"$b": base64}`, JSON values as `{"$j": value}`; timestamps as ISO 8601 strings, dates as
 * `YYYY-MM-DD`, arrays as arrays. Generated columns (the full-text vectors) are not stored.
 */
export const ARCHIVE_FORMAT = 'hubwork-backup'
export const ARCHIVE_VERSION = 1

/** Every table, parents before children. */
export const TABLE_ORDER: (keyof Database)[] = [
  'users', 'hubs', 'missions', 'memberships', 'sessions', 'notes', 'login_failures',
  'doc_updates', 'doc_snapshots', 'doc_versions', 'items', 'doc_text', 'projection_cursors',
  'comments', 'item_threads', 'inbox_entries', 'audit_events', 'password_tokens', 'entry_origins',
  'periods', 'brief_submissions', 'period_items', 'period_focal_points', 'doc_threads', 'doc_comments',
  'oidc_logins', 'oidc_sessions', 'mail_outbox', 'mail_digest_entries', 'mail_preferences', 'server_secrets',
  'gg_projects', 'doc_mentions',
]
// Not stored: computed by the database (search vectors; `rev_xid`, set by a trigger on every write).
const GENERATED: Partial<Record<keyof Database, string[]>> = { items: ['search', 'rev_xid'], doc_text: ['search'], comments: ['search'] }
const JSON_COLUMNS: Partial<Record<keyof Database, string[]>> = { audit_events: ['details'], period_items: ['row'], mail_outbox: ['payload'], mail_digest_entries: ['payload'] }
/** Identity columns: their sequences are moved past the imported values. */
const IDENTITY: Partial<Record<keyof Database, string>> = {
  doc_updates: 'seq', doc_versions: 'id', login_failures: 'id', inbox_entries: 'id', audit_events: 'id', mail_outbox: 'id', mail_digest_entries: 'id',
}

const columnsOf = (table: keyof Database) => (TABLE_COLUMNS[table] as string[]).filter((c) => !GENERATED[table]?.includes(c))

function encode(v: unknown, json: boolean): unknown {
  if (json) return { $j: v }
  if (v instanceof Uint8Array) return { $b: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
  if (v instanceof Date) return v.toISOString()
  return v
}

function decode(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if ('$b' in v) return new Uint8Array(Buffer.from((v as { $b: string }).$b, 'base64'))
    if ('$j' in v) return JSON.stringify((v as { $j: unknown }).$j)
  }
  return v
}

/** Writes every table to `file`. @returns rows written per table */
export async function exportInstance(db: Kysely<Database>, engine: string, file: string): Promise<Record<string, number>> {
  const gzip = createGzip()
  const out = createWriteStream(file)
  gzip.pipe(out)
  const write = async (obj: unknown) => {
    if (!gzip.write(JSON.stringify(obj) + '\n')) await once(gzip, 'drain')
  }
  await write({ format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: new Date().toISOString(), engine, migrations: Object.keys(migrations), tables: TABLE_ORDER })
  const counts: Record<string, number> = {}
  for (const table of TABLE_ORDER) {
    const columns = columnsOf(table)
    await write({ table, columns })
    const json = new Set(JSON_COLUMNS[table] ?? [])
    const order = IDENTITY[table] ?? columns[0]
    let offset = 0
    counts[table] = 0
    // Pages keep memory flat on large instances.
    for (;;) {
      const rows = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)} order by ${sql.ref(order)} limit 2000 offset ${offset}`.execute(db)
      for (const r of rows.rows) await write({ r: columns.map((c) => encode(r[c], json.has(c))) })
      counts[table] += rows.rows.length
      offset += rows.rows.length
      if (rows.rows.length < 2000) break
    }
  }
  gzip.end()
  await once(out, 'finish')
  return counts
}

/** Thrown when an import cannot proceed; the message says why in one line. */
export class ImportError extends Error {}

/**
 * Restores an archive into an EMPTY database (migrated first), in one transaction: all or nothing.
 * @returns rows restored per table
 */
export async function importInstance(db: Kysely<Database>, file: string): Promise<Record<string, number>> {
  await migrateToLatest(db)
  for (const table of TABLE_ORDER) {
    if (await sql`select 1 from ${sql.table(table)} limit 1`.execute(db).then((r) => r.rows.length > 0)) {
      throw new ImportError(`the database is not empty (table ${table} has rows): import only into an empty database`)
    }
  }
  const counts: Record<string, number> = {}
  await db.transaction().execute(async (trx) => {
    interface Line {
      format?: string
      version?: number
      migrations?: string[]
      table?: keyof Database
      columns?: string[]
      r?: unknown[]
    }
    let header: Line | null = null
    let table: keyof Database | null = null
    let columns: string[] = []
    let batch: unknown[][] = []
    const flush = async () => {
      if (!table || batch.length === 0) return
      const rows = batch.map((r) => sql`(${sql.join(r.map((v) => (v === null ? sql`null` : sql`${decode(v)}`)))})`)
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) overriding system value values ${sql.join(rows)}`.execute(trx)
      counts[table] = (counts[table] ?? 0) + batch.length
      batch = []
    }
    // Opened right before it is read, with no await in between: readline starts reading at once, and
    // lines (and 'close') emitted before the loop asks for them are lost, leaving the loop waiting
    // forever inside the transaction (a small archive and a slow BEGIN were enough).
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })
    for await (const line of lines) {
      if (!line) continue
      const obj = JSON.parse(line) as Line
      if (!header) {
        if (obj.format !== ARCHIVE_FORMAT) throw new ImportError('not a Hubwork backup archive')
        if (obj.version !== ARCHIVE_VERSION) throw new ImportError(`archive version ${obj.version} is not supported (this build reads version ${ARCHIVE_VERSION})`)
        const unknown = (obj.migrations ?? []).filter((m) => !(m in migrations))
        if (unknown.length) throw new ImportError(`the archive comes from a newer Hubwork (unknown migrations: ${unknown.join(', ')})`)
        header = obj
        continue
      }
      if (obj.table) {
        await flush()
        const next = obj.table
        if (!TABLE_ORDER.includes(next)) throw new ImportError(`unknown table ${next}`)
        table = next
        columns = (obj.columns ?? []).filter((c) => columnsOf(next).includes(c))
        if (columns.length !== (obj.columns ?? []).length) throw new ImportError(`unknown columns in ${next}`)
        counts[next] = 0
        continue
      }
      batch.push(obj.r!)
      if (batch.length >= 500) await flush()
    }
    await flush()
    if (!header) throw new ImportError('empty archive')
    for (const [t, col] of Object.entries(IDENTITY)) {
      await sql`select setval(pg_get_serial_sequence(${t}, ${col}), coalesce((select max(${sql.ref(col)}) from ${sql.table(t)}), 0) + 1, false)`.execute(trx)
    }
  })
  return counts
}
