import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../app-env.js'
import type { HealthView } from '../../shared/schemas/health.js'

/** `GET /api/health`: the process answers and its database answers. */
export const health = new Hono<AppEnv>().get('/', async (c) => {
  const { engine } = c.var.deps
  try {
    await sql`select 1`.execute(c.var.db)
    return c.json({ status: 'ok', database: engine } satisfies HealthView)
  } catch {
    return c.json({ status: 'unavailable', database: engine } satisfies HealthView, 503)
  }
})
