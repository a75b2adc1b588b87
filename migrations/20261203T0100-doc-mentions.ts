import { type Kysely, sql } from 'kysely'

/**
 * Mentions of people in briefs and notes that were heard of: one row per mention node and person,
 * so that a node sent again (a reconnecting client, another process) never tells anyone twice.
 * `notice_key` is the `item_id` of the inbox line; `excerpt` the line's text around the mention.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doc_mentions')
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notice_key', 'text', (c) => c.notNull().unique())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('doc_mentions_pkey', ['doc', 'node', 'user_id'])
    .execute()
}
