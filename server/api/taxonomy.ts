import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { requireActor } from '../auth/session-middleware.js'
import { loadTaxonomy } from '../taxonomy-file.js'
import { listGgProjects } from '../references/gg-projects.js'
import type { TaxonomyView } from '../../shared/schemas/taxonomy.js'

const taxonomyData = loadTaxonomy()

/**
 * `GET /api/taxonomy`: themes, forums and partnerships for pickers, with the Global Gateway
 * projects (database rows that admins edit, so never served from the browser's cache) (signed in).
 * Themes and forums carry `labels` in every interface language beside the English `label`.
 */
export const taxonomy = new Hono<AppEnv>().get('/', async (c) => {
  requireActor(c)
  // Asked once per page load (the client keeps it): always fresh, so a project an admin adds is offered at once.
  c.header('cache-control', 'private, no-cache')
  const body: TaxonomyView = { ...taxonomyData, ggProjects: await listGgProjects(c.var.db) }
  return c.json(body)
})
