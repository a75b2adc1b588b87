import type { Kysely } from 'kysely'
import type { RollupSources } from '../rollup/rollup.js'
import type { Database } from '../db/schema.js'
import type { RollupQuery, RollupRequest } from '../../shared/schemas/rollup.js'
import { findPeriod, focalSource, itemsSource, type PeriodRow } from './period-store.js'

/** What a roll-up or report request resolves to: dates, the items to count, and the day figures are counted to. */
export interface ResolvedRollup {
  query: RollupQuery
  /** The items to count and focal points to name: frozen with a locked period, live otherwise. */
  sources: RollupSources
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
  if (!req.period) return { query: { from: req.from!, to: req.to!, region, theme }, sources: { items: itemsSource(null), focal: focalSource(null), live: true }, asOf: now, period: null }
  const period = await findPeriod(db, req.period)
  return {
    query: { from: period.start, to: period.end, region, theme },
    sources: { items: itemsSource(period), focal: focalSource(period), live: !period.frozen_at },
    asOf: period.frozen_at && period.locked_at ? new Date(period.locked_at) : now,
    period,
  }
}
