import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doc_updates')
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('update', 'bytea', (c) => c.notNull())
    // No foreign key: an update outlives the account that made it (history keeps the id).
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('doc_updates_pkey', ['doc', 'seq'])
    .execute()

  await db.schema
    .createTable('doc_snapshots')
    .addColumn('doc', 'text', (c) => c.primaryKey())
    .addColumn('upto_seq', 'bigint', (c) => c.notNull())
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('doc_versions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('upto_seq', 'bigint', (c) => c.notNull())
    .addColumn('state', 'bytea', (c) => c.notNull())
    .addColumn('editors', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('doc_versions_doc_idx')
    .on('doc_versions')
    .columns(['doc', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('doc_versions').execute()
  await db.schema.dropTable('doc_snapshots').execute()
  await db.schema.dropTable('doc_updates').execute()
}
