import { type Kysely, sql } from 'kysely'

/**
 * Comments anchored to passages of the hub brief or a note, and inbox lines about briefs and those
 * comments (issue 14). A thread's anchor is two Yjs relative positions (base64 of
 * `Y.encodeRelativePosition`) over the document's Lexical-bound `XmlText`s, so it follows its
 * passage while others edit; the document itself is never changed by commenting.
 * Inbox lines keep `item_id` (not null since 2026-11) as a key of what they are about; the new
 * columns say which hub, document, period or thread, so the inbox can decide who still may read it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doc_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.id').onDelete('cascade'))
    .addColumn('anchor_start', 'text', (c) => c.notNull())
    .addColumn('anchor_end', 'text', (c) => c.notNull())
    // The passage as it read when commented on: shown when the passage is later deleted.
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('doc_threads_doc_idx').on('doc_threads').columns(['doc', 'created_at']).execute()
  await db.schema
    .createTable('doc_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('doc_threads.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('doc_comments_thread_idx').on('doc_comments').columns(['thread_id', 'created_at']).execute()

  await db.schema
    .alterTable('inbox_entries')
    .addColumn('hub_id', 'text')
    .addColumn('doc', 'text')
    .addColumn('note_id', 'text')
    .addColumn('period_id', 'text')
    .addColumn('thread_id', 'text')
    .execute()
  // The kind check of 20261122T1600 was declared inline: PostgreSQL (and PGlite) name it
  // `inbox_entries_kind_check`. Dropped only if present, then declared again under that name.
  await sql`alter table inbox_entries drop constraint if exists inbox_entries_kind_check`.execute(db)
  await sql`alter table inbox_entries add constraint inbox_entries_kind_check check (kind in (
    'mention','reply','input_request','input_provided','resolved',
    'brief_submitted','brief_resubmitted','brief_acknowledged','brief_returned','doc_comment','doc_resolved'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from inbox_entries where kind not in ('mention','reply','input_request','input_provided','resolved') or doc is not null`.execute(db)
  await sql`alter table inbox_entries drop constraint if exists inbox_entries_kind_check`.execute(db)
  await sql`alter table inbox_entries add constraint inbox_entries_kind_check check (kind in ('mention','reply','input_request','input_provided','resolved'))`.execute(db)
  await db.schema.alterTable('inbox_entries').dropColumn('hub_id').dropColumn('doc').dropColumn('note_id').dropColumn('period_id').dropColumn('thread_id').execute()
  await db.schema.dropTable('doc_comments').execute()
  await db.schema.dropTable('doc_threads').execute()
}
