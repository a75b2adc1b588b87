import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { connectPGlite, type Db } from '../../server/db/connect.js'

// PGlite holds its whole buffer pool resident (server/db/connect.ts): initdb's 128MB was a
// third of an idle server's memory.
describe('pglite: memory', () => {
  let database: Db
  beforeAll(async () => {
    database = await connectPGlite()
  })
  afterAll(() => database?.close())

  it('starts with a 32MB buffer pool, not the 128MB initdb writes', async () => {
    const { rows } = await sql<{ sb: string }>`select current_setting('shared_buffers') as sb`.execute(database.db)
    expect(rows[0].sb).toBe('32MB')
  })

  it('keeps PGlite’s own start parameters (single-user mode settings)', async () => {
    const { rows } = await sql<{ w: string; p: string }>`select current_setting('max_worker_processes') as w, current_setting('search_path') as p`.execute(database.db)
    expect(rows[0]).toEqual({ w: '0', p: 'public' })
  })
})
