import { Hono } from 'hono'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { AppEnv } from '../app-env.js'
import { requireActor } from '../auth/session-middleware.js'
import { topTheme, type Taxonomy } from '../../shared/taxonomy.js'

/** Loads seeds/taxonomy.json once, reduced to what pickers and validation need. */
export function loadTaxonomy(): Taxonomy {
  const raw = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'seeds', 'taxonomy.json'), 'utf8')) as {
    themes: { id: string; label_en: string }[]
    forums: { id: string; acronym?: string; name_en: string }[]
  }
  return {
    themes: raw.themes.map((t) => ({ id: t.id, label: t.label_en, parent: topTheme(t.id) })),
    forums: raw.forums.map((f) => ({ id: f.id, label: f.acronym ? `${f.acronym} — ${f.name_en}` : f.name_en, parent: f.id })),
  }
}

const taxonomyData = loadTaxonomy()

/** `GET /api/taxonomy`: themes and forums for pickers (signed in). */
export const taxonomy = new Hono<AppEnv>().get('/', (c) => {
  requireActor(c)
  c.header('cache-control', 'private, max-age=3600')
  return c.json(taxonomyData)
})
