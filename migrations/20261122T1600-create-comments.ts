import { type Kysely, sql } from 'kysely'

/**
 * Comment threads on items, input requests to the cyber ambassadors and the in-app inbox (issue 6).
 * SQL rows, not CRDT: a commenter must never be able to edit a hub's log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // No foreign key to items: the projection is rebuilt at will, threads must survive it.
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    /** Deleted by its author: the text is gone (body emptied), a marker stays in the thread. */
    .addColumn('deleted_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('comments_item_idx').on('comments').columns(['item_id', 'created_at']).execute()

  await db.schema
    .createTable('item_threads')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.id').onDelete('cascade'))
    .addColumn('requested_by', 'text', (c) => c.references('users.id'))
    .addColumn('requested_at', 'timestamptz')
    .addColumn('provided_by', 'text', (c) => c.references('users.id'))
    .addColumn('provided_at', 'timestamptz')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('inbox_entries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('mention','reply','input_request','input_provided','resolved')`))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('inbox_user_idx').on('inbox_entries').columns(['user_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox_entries').execute()
  await db.schema.dropTable('item_threads').execute()
  await db.schema.dropTable('comments').execute()
}
