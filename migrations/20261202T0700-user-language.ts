import { type Kysely, sql } from 'kysely'

/**
 * The language a person chose for the interface, their mails and their report (`null`: not chosen,
 * the browser's language decides in the app, English in mails). Record content is never translated.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('language', 'text').execute()
  await sql`alter table users add constraint users_language check (language is null or language in ('en', 'fr', 'it'))`.execute(db)
}
