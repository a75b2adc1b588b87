import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { requireActor } from '../auth/session-middleware.js'
import { loadTaxonomy } from '../taxonomy-file.js'

const taxonomyData = loadTaxonomy()

/** `GET /api/taxonomy`: themes and forums for pickers (signed in). */
export const taxonomy = new Hono<AppEnv>().get('/', (c) => {
  requireActor(c)
  c.header('cache-control', 'private, max-age=3600')
  return c.json(taxonomyData)
})
