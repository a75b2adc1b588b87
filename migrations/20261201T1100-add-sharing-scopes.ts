import { type Kysely, sql } from 'kysely'

/**
 * Sharing scopes (`hub` · `hq` · `network`) of notes and of projected log entries and texts. The
 * documents hold the truth (a hub entry lives in the hub-only log); these columns let every query
 * filter by who may read a row. Rows from before default to `hq`, what they were.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['notes', 'items', 'doc_text']) {
    await db.schema
      .alterTable(table)
      .addColumn('scope', 'text', (c) => c.notNull().defaultTo('hq').check(sql`scope in ('hub','hq','network')`))
      .execute()
  }
  await db.schema.createIndex('items_scope_idx').on('items').columns(['scope', 'hub_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notes', 'items', 'doc_text']) await db.schema.alterTable(table).dropColumn('scope').execute()
}
