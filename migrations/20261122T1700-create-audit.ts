import { type Kysely, sql } from 'kysely'

/**
 * The audit trail (issue 7): who did what, when, from where. Append-only: the code has no update
 * or delete path, and a trigger refuses both except the retention purge, which announces itself
 * with a transaction-local setting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('hub_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()
  await db.schema.createIndex('audit_events_at_idx').on('audit_events').column('at').execute()
  await db.schema.createIndex('audit_events_action_idx').on('audit_events').columns(['action', 'at']).execute()
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_id', 'at']).execute()
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('hubwork.audit_purge', true) = 'on' then
        return old;
      end if;
      raise exception 'audit_events is append-only';
    end $$`.execute(db)
  await sql`
    create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists audit_events_append_only on audit_events`.execute(db)
  await sql`drop function if exists audit_events_append_only()`.execute(db)
  await db.schema.dropTable('audit_events').execute()
}
