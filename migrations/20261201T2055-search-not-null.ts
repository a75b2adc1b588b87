import { type Kysely, sql } from 'kysely'

/**
 * The full-text columns are generated from NOT NULL text, so they are never null; the database now
 * says so too, and the typed schema (a non-null string) matches what it holds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table items alter column search set not null`.execute(db)
  await sql`alter table doc_text alter column search set not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table doc_text alter column search drop not null`.execute(db)
  await sql`alter table items alter column search drop not null`.execute(db)
}
