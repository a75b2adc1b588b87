import { type Kysely, sql } from 'kysely'

/**
 * The Council asks that every EU delegation have a trained digital focal point (2023 ¶15): the hub
 * keeps whether its focal point is trained and when (a date the coordinator states, never in the
 * future), and since when that person has been the focal point (set by the server). A new focal
 * point starts untrained: training belongs to the person, not to the post. Locking a period keeps
 * the focal points as they stood (`period_focal_points`), like its items: its figures never move.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('hubs')
    .addColumn('focal_point_trained', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
  await db.schema.alterTable('hubs').addColumn('focal_point_trained_on', 'date').execute()
  await db.schema.alterTable('hubs').addColumn('focal_point_since', 'timestamptz').execute()
  await sql`update hubs set focal_point_since = created_at where focal_point_user_id is not null`.execute(db)
  await sql`alter table hubs add constraint hubs_focal_training check (focal_point_trained_on is null or focal_point_trained)`.execute(db)
  await db.schema
    .createTable('period_focal_points')
    .addColumn('period_id', 'text', (c) => c.notNull().references('periods.id').onDelete('cascade'))
    .addColumn('hub_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('trained', 'boolean', (c) => c.notNull())
    .addColumn('trained_on', 'date')
    .addPrimaryKeyConstraint('period_focal_points_pk', ['period_id', 'hub_id'])
    .execute()
  // Periods frozen before this table existed keep the focal points as they stand now: the best record there is.
  await sql`
    insert into period_focal_points (period_id, hub_id, name, trained, trained_on)
    select p.id, h.id, u.name, h.focal_point_trained, h.focal_point_trained_on
    from periods p cross join hubs h join users u on u.id = h.focal_point_user_id
    where p.frozen_at is not null`.execute(db)
}
