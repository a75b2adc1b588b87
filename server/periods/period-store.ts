import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { LIVE_FOCAL_POINTS } from '../rollup/focal-points.js'

/** A period row as the domain reads it. */
export interface PeriodRow {
  id: string
  start: string
  end: string
  brief_due: string
  locked_at: Date | null
  frozen_at: Date | null
}

const COLUMNS = ['id', 'start', 'end', 'brief_due', 'locked_at', 'frozen_at'] as const

/** Every period, newest first. */
export async function listPeriods(db: Kysely<Database>): Promise<PeriodRow[]> {
  return db.selectFrom('periods').select(COLUMNS).orderBy('start', 'desc').orderBy('id').execute()
}

/** One period. @throws NotFoundError */
export async function findPeriod(db: Kysely<Database>, id: string): Promise<PeriodRow> {
  const row = await db.selectFrom('periods').select(COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('period')
  return row
}

/** Creates a period. @throws ConflictError when the id is taken */
export async function createPeriod(db: Kysely<Database>, p: { id: string; start: string; end: string; briefDue: string }): Promise<void> {
  const inserted = await db
    .insertInto('periods')
    .values({ id: p.id, start: p.start, end: p.end, brief_due: p.briefDue })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) throw new ConflictError(`period ${p.id} exists already`)
}

/**
 * Locks a period and freezes its figures: the projected items as they stand now are copied, in
 * the same transaction, and the period's roll-up reads that copy from then on.
 * @throws ConflictError when it is locked already
 */
export async function lockPeriod(db: Kysely<Database>, id: string, userId: string | null, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('periods').select(['id', 'locked_at']).where('id', '=', id).forUpdate().executeTakeFirst()
    if (!row) throw new NotFoundError('period')
    if (row.locked_at) throw new ConflictError(`period ${id} is locked already`)
    await trx.updateTable('periods').set({ locked_at: now, locked_by: userId }).where('id', '=', id).execute()
    await freezeItems(trx, id, now)
  })
}

/** Copies the projected items, and the hubs' focal points, into the period's frozen set. */
async function freezeItems(trx: Kysely<Database>, id: string, now: Date): Promise<void> {
  await trx.deleteFrom('period_items').where('period_id', '=', id).execute()
  await sql`insert into period_items (period_id, item_id, "row") select ${id}, i.id, to_jsonb(i) from items i`.execute(trx)
  await trx.deleteFrom('period_focal_points').where('period_id', '=', id).execute()
  await sql`
    insert into period_focal_points (period_id, hub_id, name, trained, trained_on)
    select ${id}, h.id, u.name, h.focal_point_trained, h.focal_point_trained_on
    from hubs h join users u on u.id = h.focal_point_user_id`.execute(trx)
  await trx.updateTable('periods').set({ frozen_at: now }).where('id', '=', id).execute()
}

/**
 * Periods locked before their figures could be frozen (the demo seed locks one before the first
 * projection has run) are frozen now; the caller runs this once the projection has caught up.
 */
export async function freezePendingPeriods(db: Kysely<Database>, now = new Date()): Promise<number> {
  const pending = await db.selectFrom('periods').select('id').where('locked_at', 'is not', null).where('frozen_at', 'is', null).execute()
  for (const p of pending) await db.transaction().execute((trx) => freezeItems(trx, p.id, now))
  return pending.length
}

/**
 * The hubs' focal points a period's roll-up names (`hub_id, name, trained, trained_on`): as they
 * stood at the lock once frozen, as they stand now before.
 */
export function focalSource(period: PeriodRow | null): RawBuilder<unknown> {
  if (!period?.frozen_at) return LIVE_FOCAL_POINTS
  return sql`(select f.hub_id, f.name, f.trained, f.trained_on from period_focal_points f where f.period_id = ${period.id})`
}

/** The rows a period's roll-up is computed from: its frozen copy once locked, the live projection before. */
export function itemsSource(period: PeriodRow | null): RawBuilder<unknown> {
  if (!period?.frozen_at) return sql`items`
  return sql`(select (jsonb_populate_record(null::items, p."row")).* from period_items p where p.period_id = ${period.id})`
}
