import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { compareSchemas, describeSchemaDb, describeSchemaTs, type SchemaDescription } from '../support/schema-description.js'
import { TABLE_COLUMNS } from '../../server/db/schema.js'

/**
 * The hand-written `Database` interface is what every query is type-checked against: if it drifts
 * from what the migrations create, code compiles and then fails (or silently reads null) at run
 * time. Compared here, column by column, with the migrated schema of each engine.
 */
const fromTypes = describeSchemaTs()

describe('schema.ts is read as expected', () => {
  // Guards the reader itself: a reader that saw nothing would make every comparison pass.
  it('finds every table and the kinds of column it has to tell apart', () => {
    expect(Object.keys(fromTypes).length).toBeGreaterThanOrEqual(18)
    expect(fromTypes.users.email).toEqual({ type: 'string', nullable: false, insert: 'required' })
    expect(fromTypes.users.disabled_at).toEqual({ type: 'Date', nullable: true, insert: 'optional' })
    expect(fromTypes.doc_updates.seq).toEqual({ type: 'number', nullable: false, insert: 'never' })
    expect(fromTypes.memberships.coordinator).toEqual({ type: 'boolean', nullable: false, insert: 'optional' })
    expect(fromTypes.doc_updates.update).toEqual({ type: 'Uint8Array', nullable: false, insert: 'required' })
    expect(fromTypes.items.themes).toEqual({ type: 'string[]', nullable: false, insert: 'required' })
    expect(fromTypes.items.search).toEqual({ type: 'string', nullable: false, insert: 'never' })
    expect(fromTypes.audit_events.details.type).toBe('json')
  })
})

for (const engine of ENGINES) {
  describe(`${engine}: the Database interface equals the migrated schema`, () => {
    let t: TestDb
    let fromDb: SchemaDescription
    beforeAll(async () => {
      t = await openTestDb(engine)
      fromDb = await describeSchemaDb(t.db)
    })
    afterAll(() => t?.close())

    it('has the same tables and columns, each with the same type, nullability and insert rule', () => {
      expect(compareSchemas(fromTypes, fromDb)).toEqual([])
    })

    it('lists every column of every table in TABLE_COLUMNS (export, import and projection use it)', () => {
      const listed = Object.fromEntries(Object.entries(TABLE_COLUMNS).map(([table, cols]) => [table, [...cols].sort()]))
      const actual = Object.fromEntries(Object.entries(fromDb).map(([table, cols]) => [table, Object.keys(cols).sort()]))
      expect(listed).toEqual(actual)
    })
  })
}
