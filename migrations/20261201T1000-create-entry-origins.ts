import { type Kysely, sql } from 'kysely'

/**
 * Who created each log entry, as the sync server saw it: the signed-in user of the connection
 * whose stored update created the entry, and the mission they wrote for. Written in the same
 * transaction as that update. Items, roll-ups and reports take author and mission from here, never
 * from what a client wrote into the document. Keyed by item id (`<hubId>:<kind>:<entryId>`), so it
 * survives an entry's move between the hub's log documents.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('entry_origins')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    // No foreign keys: this row is written inside the group commit of document updates, which
    // must never fail for a reason other than the database being down.
    .addColumn('hub_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('mission', 'text')
    // 'stored': from the creating update; 'document': an entry older than this table, taken from the document once.
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('stored','document')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('entry_origins_hub_idx').on('entry_origins').column('hub_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('entry_origins').execute()
}
