import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../app-env.js'
import { canAdminister } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { loadTaxonomy } from '../taxonomy-file.js'
import { readableBy } from '../db/read-scope.js'
import { createGgProject, findGgProject, listGgProjects, updateGgProject } from '../references/gg-projects.js'
import { GgProjectCreate, GgProjectParams, GgProjectPatch, PartnershipParams } from '../../shared/schemas/references.js'
import { presentItem } from './present/items.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'

/** Most linked records a reference page lists. */
const LINKED_CAP = 500

/** The records of every hub `actor` may read that name a partnership or a project, newest first. */
async function linkedItems(db: Kysely<Database>, actor: Actor, column: 'partnership' | 'gg_project', id: string) {
  const rows = await db
    .selectFrom('items')
    .leftJoin('users', 'users.id', 'items.author_id')
    .selectAll('items')
    .select('users.name as author_name')
    .where(readableBy(actor, 'items'))
    .where(`items.${column}`, '=', id)
    .orderBy(sql`items.created_at desc nulls last`)
    .orderBy('items.id')
    .limit(LINKED_CAP)
    .execute()
  return rows.map((r) => presentItem(r))
}

/**
 * Reference entities: partnerships and dialogues (the taxonomy's) and Global
 * Gateway projects (the database's; admins add and edit them), each with the records linked to it
 * across all hubs the reader may see.
 */
export const references = new Hono<AppEnv>()
  .get('/partnerships/:id', validate('param', PartnershipParams), async (c) => {
    const actor = requireActor(c)
    const { id } = c.req.valid('param')
    const partnership = loadTaxonomy().partnerships.find((p) => p.id === id)
    if (!partnership) throw new NotFoundError('partnership')
    return c.json({ partnership, items: await linkedItems(c.var.db, actor, 'partnership', id) })
  })
  .get('/gg-projects', async (c) => {
    requireActor(c)
    return c.json(await listGgProjects(c.var.db))
  })
  .get('/gg-projects/:id', validate('param', GgProjectParams), async (c) => {
    const actor = requireActor(c)
    const { id } = c.req.valid('param')
    const project = await findGgProject(c.var.db, id)
    return c.json({ project, items: await linkedItems(c.var.db, actor, 'gg_project', id) })
  })
  .post('/gg-projects', validate('json', GgProjectCreate), async (c) => {
    if (!canAdminister(requireActor(c))) throw new ForbiddenError('only admins add Global Gateway projects')
    const project = await createGgProject(c.var.db, c.req.valid('json'))
    await audit(c, { action: 'gg_project.created', target: { type: 'gg_project', id: project.id }, details: { name: project.name } })
    return c.json(project, 201)
  })
  .patch('/gg-projects/:id', validate('param', GgProjectParams), validate('json', GgProjectPatch), async (c) => {
    if (!canAdminister(requireActor(c))) throw new ForbiddenError('only admins edit Global Gateway projects')
    const { id } = c.req.valid('param')
    const patch = c.req.valid('json')
    const project = await updateGgProject(c.var.db, id, patch)
    await audit(c, { action: 'gg_project.updated', target: { type: 'gg_project', id }, details: { fields: Object.keys(patch) } })
    return c.json(project)
  })
