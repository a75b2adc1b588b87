import type { Kysely, RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import type { RollupQuery, RollupRequest } from '../../shared/schemas/rollup.js'
import { findPeriod, itemsSource, type PeriodRow } from './period-store.js'

/** What a roll-up or report request resolves to: dates, the items to count, and the day figures are counted to. */
export interface ResolvedRollup {
  query: RollupQuery
  source: RawBuilder<unknown>
  /** The lock time of a locked period (its `asOf`); now otherwise. */
  asOf: Date
  period: PeriodRow | null
}

/**
 * A period's dates, and once it is locked its frozen items and lock time, so that its figures are
 * those stored at the lock whatever is edited later; or the dates given.
 * @throws NotFoundError for an unknown period
 */
export async function resolveRollupRequest(db: Kysely<Database>, req: RollupRequest, now = new Date()): Promise<ResolvedRollup> {
  const { region, theme } = req
  if (!req.period) return { query: { from: req.from!, to: req.to!, region, theme }, source: itemsSource(null), asOf: now, period: null }
  const period = await findPeriod(db, req.period)
  return {
    query: { from: period.start, to: period.end, region, theme },
    source: itemsSource(period),
    asOf: period.frozen_at && period.locked_at ? new Date(period.locked_at) : now,
    period,
  }
}
