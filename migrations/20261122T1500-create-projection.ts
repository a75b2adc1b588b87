import { type Kysely, sql } from 'kysely'

/**
 * The projection (DESIGN §6): SQL rows derived from the collaboration documents, rebuilt at will by
 * `npm run reproject`. Never the source of truth: the documents are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('items')
    // `<hubId>:<kind>:<entryId>`: entry ids are chosen by clients, so the hub and kind are part of
    // the key and one hub's log can never overwrite another hub's item.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('exchange','action')`))
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('forums', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('mission', 'text')
    .addColumn('missions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('lead_mission', 'text')
    .addColumn('author_id', 'text')
    .addColumn('created_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz')
    .addColumn('status', 'text')
    .addColumn('due', 'date')
    .addColumn('completed_at', 'date')
    .addColumn('cross_cutting', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('input_status', 'text')
    .addColumn('input_requested_at', 'timestamptz')
    .addColumn('input_provided_at', 'timestamptz')
    .addColumn('related_hubs', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    /** Entries a cross-cutting item is about (roll-ups count those, not the item again). */
    .addColumn('linked_items', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Derived at projection time so roll-ups aggregate without re-deriving per row: distinct
    // top-level themes, distinct missions involved (author, lead, taking part), and the days the
    // record counts as active (exchange: its day; action: created → completed/dropped, open-ended).
    .addColumn('top_themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('participants', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('active_from', 'date')
    .addColumn('active_to', 'date')
    /** What is missing or invalid in the entry (empty: all well). */
    .addColumn('issues', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // 'simple': no language's stemming, so French, German or Italian words are found as typed.
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('simple', title || ' ' || body)`).stored(),
    )
    .addColumn('projected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('items_hub_created_idx').on('items').columns(['hub_id', 'created_at']).execute()
  await db.schema.createIndex('items_themes_idx').on('items').using('gin').column('themes').execute()
  await db.schema.createIndex('items_top_themes_idx').on('items').using('gin').column('top_themes').execute()
  await db.schema.createIndex('items_active_idx').on('items').columns(['active_from', 'active_to']).execute()
  await db.schema.createIndex('items_search_idx').on('items').using('gin').column('search').execute()
  await db.schema
    .createIndex('items_cross_cutting_idx')
    .on('items')
    .column('created_at')
    .where(sql.ref('cross_cutting'), '=', true)
    .execute()

  await db.schema
    .createTable('doc_text')
    .addColumn('doc', 'text', (c) => c.primaryKey())
    .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('brief','note')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('search', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple', title || ' ' || text)`).stored())
    .addColumn('projected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('doc_text_hub_idx').on('doc_text').column('hub_id').execute()
  await db.schema.createIndex('doc_text_search_idx').on('doc_text').using('gin').column('search').execute()

  // How far each document has been projected: the projector resumes from here after a restart.
  await db.schema
    .createTable('projection_cursors')
    .addColumn('doc', 'text', (c) => c.primaryKey())
    .addColumn('upto_seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('projection_cursors').execute()
  await db.schema.dropTable('doc_text').execute()
  await db.schema.dropTable('items').execute()
}
