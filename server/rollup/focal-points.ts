import { sql } from 'kysely'

/**
 * The hubs' digital focal points as they stand now (`hub_id, name, trained, trained_on`); a locked
 * period reads its own copy instead (`focalSource` in server/periods/period-store.ts).
 */
export const LIVE_FOCAL_POINTS = sql`(select h.id as hub_id, u.name, h.focal_point_trained as trained, h.focal_point_trained_on as trained_on
  from hubs h join users u on u.id = h.focal_point_user_id)`
