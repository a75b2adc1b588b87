import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Taxonomy } from '../shared/taxonomy.js'
import { taxonomyFromFile } from '../shared/taxonomy-file.js'
import { PROJECT_ROOT } from './project-root.js'

let cached: Taxonomy | null = null

/** seeds/taxonomy.json, validated, read once per process. */
export function loadTaxonomy(): Taxonomy {
  cached ??= taxonomyFromFile(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'taxonomy.json'), 'utf8')))
  return cached
}
