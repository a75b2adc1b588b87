import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { client } from '../support/http.js'
import { connectClient, until } from '../support/ws-client.js'
import { loadConfig } from '../../server/config.js'
import { createLogger } from '../../server/logger.js'
import { startServer, type RunningServer } from '../../server/server.js'
import { migrateToLatest, newerMigrations } from '../../server/db/migrator.js'

const CAST = defineCast({ hubs: { hub: {} }, users: { alice: { hub: 'hub', mission: 'EU' } } })

/** What the next version's expand migration does: only additions (docs/production.md, rolling upgrades). */
const NEXT = '29991231T0000-next-version-adds-note-summary'

/**
 * A rolling upgrade, as far as one version can show it: the database is migrated one step past
 * this version by an additive migration (what the next version's first process does when it
 * starts), and this version's process must keep starting and serving on it, beside the new one,
 * without touching what the new version wrote. What this does not show: a real previous release
 * (the repository keeps no release builds); the rule it documents is what makes that work.
 */
describe.skipIf(!ENGINES.includes('postgres'))('postgres: this version runs on a database the next version expanded', () => {
  let db: TestDb
  let server: RunningServer
  let cast: CastOf<typeof CAST>

  beforeAll(async () => {
    db = await openTestDb('postgres')
    cast = await createCast(db.db, CAST)
    // The next version's expand step: a nullable column and a table, recorded as its migration.
    await sql`alter table notes add column summary text`.execute(db.db)
    await sql`create table note_reactions (note_id text not null, user_id text not null, emoji text not null)`.execute(db.db)
    await sql`insert into kysely_migration (name, timestamp) values (${NEXT}, ${new Date().toISOString()})`.execute(db.db)
  })
  afterAll(async () => {
    await server?.close()
    await db?.close()
  })

  it('starts (a newer migration is not a corrupted database), serves, and keeps what the newer version wrote', async () => {
    // Before: Kysely's migrator refused with "previously executed migration … is missing".
    expect(await migrateToLatest(db.db)).toEqual([])
    expect(await newerMigrations(db.db)).toEqual([NEXT])
    const config = loadConfig({ PORT: '0', DATABASE_URL: db.url!, PUBLIC_ORIGIN: 'http://hubwork.test', LOG_LEVEL: 'error' })
    server = await startServer({ config, logger: createLogger('error') })
    const api = client(server.url, 'http://hubwork.test', cast.cookies.alice)
    const hubId = cast.hubs.hub.id
    const created = await api.request('POST', `/api/hubs/${hubId}/notes`, { title: 'Agenda' })
    expect(created.status).toBe(201)
    const noteId = created.body.id as string
    // The newer version, beside this one, fills its column; this version's writes leave it alone.
    await sql`update notes set summary = 'written by the next version' where id = ${noteId}`.execute(db.db)
    expect((await api.request('PATCH', `/api/hubs/${hubId}/notes/${noteId}`, { title: 'Agenda, revised' })).status).toBe(200)
    const listed = (await api.request('GET', `/api/hubs/${hubId}/notes`)).body as { id: string; title: string }[]
    expect(listed.find((n) => n.id === noteId)?.title).toBe('Agenda, revised')
    const row = await sql<{ summary: string | null }>`select summary from notes where id = ${noteId}`.execute(db.db)
    expect(row.rows[0].summary).toBe('written by the next version')
    // Documents sync as before.
    const editor = connectClient(server.url, `hub/${hubId}/notes/${noteId}`, cast.cookies.alice, { origin: 'http://hubwork.test' })
    await until(() => editor.provider.synced, 10_000, 'synced')
    editor.destroy()
  })
})
