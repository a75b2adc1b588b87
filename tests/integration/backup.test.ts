import { afterAll, describe, expect, it } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { openTestDb, type TestDb } from '../support/engines.js'
import { seedDemoIfEmpty } from '../../seeds/seed.js'
import { appendUpdates, readDocState } from '../../server/db/update-store.js'
import { recordAudit } from '../../server/audit/audit.js'
import { projectDoc } from '../../server/projection/project-doc.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
import { exportInstance, importInstance, ImportError, TABLE_ORDER } from '../../server/backup/archive.js'
import { TABLE_COLUMNS } from '../../server/db/schema.js'

/** Every table's rows, in a stable order, generated columns (and the writing transaction `rev_xid`) left out: what a round trip must keep. */
async function dump(t: TestDb) {
  const out: Record<string, unknown[]> = {}
  for (const table of TABLE_ORDER) {
    const cols = (TABLE_COLUMNS[table] as string[]).filter((c) => c !== 'search' && c !== 'rev_xid')
    const rows = await sql<Record<string, unknown>>`select ${sql.join(cols.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(t.db)
    out[table] = rows.rows
      .map((r) => JSON.stringify(cols.map((c) => (r[c] instanceof Uint8Array ? Buffer.from(r[c] as Uint8Array).toString('base64') : r[c] instanceof Date ? (r[c] as Date).toISOString() : r[c]))))
      .sort()
  }
  return out
}

describe('backup: export → import, both ways between PGlite and PostgreSQL', () => {
  const dbs: TestDb[] = []
  let dir = ''
  afterAll(async () => {
    for (const d of dbs) await d.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('round-trips every table, and every document byte for byte, PGlite → PostgreSQL → PGlite', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-backup-'))
    const source = await openTestDb('pglite')
    dbs.push(source)
    await seedDemoIfEmpty(source.db)
    // Beyond the seed: a tail update, a version, projected items, an audit event.
    await appendUpdates(source.db, [{ doc: 'hub/hub-ng/brief', update: (await readDocState(source.db, 'hub/hub-ng/brief'))!.update, userId: 'u-ng-01' }])
    await source.db.insertInto('doc_versions').values({ doc: 'hub/hub-ng/brief', upto_seq: 1, state: new Uint8Array([0, 0]), editors: ['u-ng-01'], reason: 'test' }).execute()
    await projectDoc(source.db, 'hub/hub-ng/log', loadTaxonomy())
    await recordAudit(source.db, { action: 'auth.login', actor: { id: 'u-ng-01', email: 'jonas.exemplar@demo.example' }, ip: '127.0.0.1', details: { note: 'ünïcode ✓' } })
    const original = await dump(source)
    expect(original.items.length).toBeGreaterThan(0)

    const first = path.join(dir, 'a.hwb')
    await exportInstance(source.db, 'pglite', first)
    const pg = await openTestDb('postgres')
    dbs.push(pg)
    // A migrated but empty database is what import expects; openTestDb clones a migrated template.
    await importInstance(pg.db, first)
    expect(await dump(pg)).toEqual(original)

    const second = path.join(dir, 'b.hwb')
    await exportInstance(pg.db, 'postgres', second)
    const back = await openTestDb('pglite')
    dbs.push(back)
    await importInstance(back.db, second)
    expect(await dump(back)).toEqual(original)
    for (const doc of ['hub/hub-ng/brief', 'hub/hub-ng/log']) {
      expect(Buffer.from((await readDocState(back.db, doc))!.update)).toEqual(Buffer.from((await readDocState(source.db, doc))!.update))
    }
    // Identity sequences continue after the imported rows.
    const [{ seq }] = await appendUpdates(back.db, [{ doc: 'hub/hub-ng/brief', update: new Uint8Array([0, 0]), userId: null }]).then((s) => [{ seq: s[0] }])
    const max = Math.max(...(await source.db.selectFrom('doc_updates').select('seq').execute()).map((r) => r.seq))
    expect(seq).toBeGreaterThan(max)
    // And the audit trail stays append-only after an import.
    await expect(sql`delete from audit_events`.execute(back.db)).rejects.toThrow(/append-only/)
  }, 120_000)

  it('refuses a non-empty database and a file that is not an archive', async () => {
    const full = dbs[0]
    await expect(importInstance(full.db, path.join(dir, 'a.hwb'))).rejects.toThrow(ImportError)
    const { writeFile } = await import('node:fs/promises')
    const { gzipSync } = await import('node:zlib')
    const bogus = path.join(dir, 'bogus.hwb')
    await writeFile(bogus, gzipSync('{"format":"something else"}\n'))
    const empty = await openTestDb('postgres')
    dbs.push(empty)
    await expect(importInstance(empty.db, bogus)).rejects.toThrow(/not a Hubwork backup/)
  })
})
