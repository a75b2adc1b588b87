import { type Kysely, sql } from 'kysely'

/**
 * Reporting periods and the brief cycle. A period is created and later locked by an admin; for each
 * period a hub's coordinators submit the living brief (its state then is kept as a version that is
 * never pruned), HQ acknowledges it or returns it with a note. Locking freezes the period's figures:
 * the projected items as they stand are copied into `period_items`, and the period's roll-up and
 * report are computed from that copy from then on, whatever is edited later.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('start', 'date', (c) => c.notNull())
    .addColumn('end', 'date', (c) => c.notNull())
    .addColumn('brief_due', 'date', (c) => c.notNull())
    .addColumn('locked_at', 'timestamptz')
    .addColumn('locked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    // Set once the items are copied: a period locked by the seed is frozen once the projection has run.
    .addColumn('frozen_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('periods_dates', sql`start <= "end"`)
    .execute()
  await db.schema
    .createTable('brief_submissions')
    .addColumn('hub_id', 'text', (c) => c.notNull().references('hubs.id').onDelete('cascade'))
    .addColumn('period_id', 'text', (c) => c.notNull().references('periods.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted','returned','acknowledged')`))
    .addColumn('version_id', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('brief_submissions_pk', ['hub_id', 'period_id'])
    .execute()
  await db.schema
    .createTable('period_items')
    .addColumn('period_id', 'text', (c) => c.notNull().references('periods.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    // The items row as it stood at the lock (`to_jsonb(items)`), read back with jsonb_populate_record.
    .addColumn('row', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('period_items_pk', ['period_id', 'item_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('period_items').execute()
  await db.schema.dropTable('brief_submissions').execute()
  await db.schema.dropTable('periods').execute()
}
