import { type Kysely, sql } from 'kysely'

/**
 * A change feed of the projected items, so that a process can keep its roll-up facts in memory
 * and bring them up to date with one small query (server/rollup/facts/live-facts.ts):
 * - `items.rev_xid`: the transaction that last wrote the row;
 * - `item_tombstones`: the ids of deleted rows, with the deleting transaction.
 * A reader that notes its snapshot's xmin has seen every transaction below it (committed or
 * aborted), so rows written by `xid >= xmin` are all that can have changed since: no row is missed
 * whatever order concurrent writers commit in.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table items add column rev_xid xid8`.execute(db)
  await sql`
    create function items_rev() returns trigger language plpgsql as $$
    begin
      new.rev_xid := pg_current_xact_id();
      return new;
    end $$`.execute(db)
  await sql`create trigger items_rev before insert or update on items for each row execute function items_rev()`.execute(db)
  await sql`update items set rev_xid = pg_current_xact_id()`.execute(db)
  await sql`create index items_rev_xid_idx on items (rev_xid)`.execute(db)

  await db.schema
    .createTable('item_tombstones')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('xid', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('item_tombstones_xid_idx').on('item_tombstones').column('xid').execute()
  await db.schema.createIndex('item_tombstones_at_idx').on('item_tombstones').column('at').execute()
  // One statement deleting a hub's items (or all, on reprojection) writes its tombstones in one insert.
  await sql`
    create function items_tombstones() returns trigger language plpgsql as $$
    begin
      insert into item_tombstones (id) select id from gone;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger items_tombstones after delete on items
    referencing old table as gone for each statement execute function items_tombstones()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists items_tombstones on items`.execute(db)
  await sql`drop function if exists items_tombstones()`.execute(db)
  await db.schema.dropTable('item_tombstones').execute()
  await sql`drop trigger if exists items_rev on items`.execute(db)
  await sql`drop function if exists items_rev()`.execute(db)
  await sql`alter table items drop column rev_xid`.execute(db)
}
