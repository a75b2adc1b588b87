import { type Kysely, sql } from 'kysely'

/**
 * Structured records in the Council's terms (exchange type, counterparts, partnership, action kind,
 * owner, Global Gateway project, source exchange, outcome, drop reason, escalation) as projected
 * columns; Global Gateway projects as reference rows an admin edits; several roles per person
 * (`roles`, `role` staying the first of them). Existing rows keep their meaning: every user's
 * `roles` starts as their one role, items get the new columns at the next projection.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`roles <@ array['staff','hq','cyber','admin']::text[]`))
    .execute()
  await sql`update users set roles = array[role]::text[]`.execute(db)

  const columns: [string, 'text' | 'list'][] = [
    ['exchange_type', 'text'], ['counterparts', 'list'], ['partnership', 'text'], ['action_kind', 'text'], ['owner_id', 'text'],
    ['gg_project', 'text'], ['source_exchange', 'text'], ['outcome', 'text'], ['drop_reason', 'text'], ['escalation', 'text'],
  ]
  for (const [name, type] of columns) {
    await db.schema
      .alterTable('items')
      .addColumn(name, type === 'list' ? sql`text[]` : 'text', (c) => (type === 'list' ? c.notNull().defaultTo(sql`'{}'`) : c))
      .execute()
  }
  await db.schema.createIndex('items_partnership_idx').on('items').column('partnership').where(sql.ref('partnership'), 'is not', null).execute()
  await db.schema.createIndex('items_gg_project_idx').on('items').column('gg_project').where(sql.ref('gg_project'), 'is not', null).execute()

  await db.schema
    .createTable('gg_projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('countries', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('stage', 'text', (c) => c.check(sql`stage in ('announced','preparation','implementation','completed')`))
    .addColumn('contributors', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('partnership', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('gg_projects').execute()
  for (const c of ['exchange_type', 'counterparts', 'partnership', 'action_kind', 'owner_id', 'gg_project', 'source_exchange', 'outcome', 'drop_reason', 'escalation']) {
    await db.schema.alterTable('items').dropColumn(c).execute()
  }
  await db.schema.alterTable('users').dropColumn('roles').execute()
}
