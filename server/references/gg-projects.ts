import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Taxonomy } from '../../shared/taxonomy.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { GgProjectInput, GgProjectView } from '../../shared/schemas/references.js'

/**
 * Global Gateway projects: reference rows (the taxonomy's named projects and the demo's, seeded;
 * more added and edited by admins). Log entries name them by id (`ggProject`); the projection
 * flags an id that is not here.
 */

const present = (r: { id: string; name: string; countries: string[]; themes: string[]; stage: string | null; contributors: string[]; partnership: string | null }): GgProjectView => ({
  id: r.id, name: r.name, countries: r.countries, themes: r.themes, stage: r.stage as GgProjectView['stage'], contributors: r.contributors, partnership: r.partnership,
})

const COLUMNS = ['id', 'name', 'countries', 'themes', 'stage', 'contributors', 'partnership'] as const

/** Every project, by name. */
export async function listGgProjects(db: Kysely<Database>): Promise<GgProjectView[]> {
  return (await db.selectFrom('gg_projects').select(COLUMNS).orderBy('name').orderBy('id').execute()).map(present)
}

/** One project. @throws NotFoundError */
export async function findGgProject(db: Kysely<Database>, id: string): Promise<GgProjectView> {
  const row = await db.selectFrom('gg_projects').select(COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('Global Gateway project')
  return present(row)
}

/** The ids the projection accepts. */
export async function ggProjectIds(db: Kysely<Database>): Promise<Set<string>> {
  return new Set((await db.selectFrom('gg_projects').select('id').execute()).map((r) => r.id))
}

/** Adds a project. @throws ConflictError when the id is taken */
export async function createGgProject(db: Kysely<Database>, input: GgProjectInput & { id: string }): Promise<GgProjectView> {
  const taken = await db.selectFrom('gg_projects').select('id').where('id', '=', input.id).executeTakeFirst()
  if (taken) throw new ConflictError('id: a project with this id exists')
  await db.insertInto('gg_projects').values({ ...input, updated_at: new Date() }).execute()
  return findGgProject(db, input.id)
}

/** Changes a project's fields. @throws NotFoundError */
export async function updateGgProject(db: Kysely<Database>, id: string, patch: Partial<GgProjectInput>): Promise<GgProjectView> {
  const res = await db.updateTable('gg_projects').set({ ...patch, updated_at: new Date() }).where('id', '=', id).executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Global Gateway project')
  return findGgProject(db, id)
}

/** The seed's projects: the taxonomy's reference projects and the demo's own (kept when present). */
export async function seedGgProjects(db: Kysely<Database>, taxonomy: Taxonomy, demo: unknown[]): Promise<void> {
  const rows = [
    ...taxonomy.ggReferences.map((g) => ({ id: g.id, name: g.name, countries: g.countries, themes: ['global-gateway'], stage: null, contributors: [], partnership: g.partnership })),
    ...demo.map((raw) => {
      const g = raw as { id: string; name: string; countries?: string[]; themes?: string[]; stage?: string; team_europe_contributors?: string[] }
      return { id: g.id, name: g.name, countries: g.countries ?? [], themes: g.themes ?? [], stage: g.stage ?? null, contributors: g.team_europe_contributors ?? [], partnership: null }
    }),
  ]
  if (rows.length === 0) return
  await db.insertInto('gg_projects').values(rows.map((r) => ({ ...r, updated_at: new Date() }))).onConflict((oc) => oc.column('id').doNothing()).execute()
}
