import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../project-root.js'
import { ACTION_STATUS_LABELS_IN } from '../../shared/item-statuses.js'
import { REGION_LABELS_IN } from '../../shared/labels.js'
import type { ReportLanguage } from './report-words.js'

/** How the report names ids: regions from the taxonomy's geography, action statuses as the app shows them. */
export interface ReportLabels {
  regions: Record<string, string>
  statuses: Record<string, string>
}

const cached = new Map<ReportLanguage, ReportLabels>()

/**
 * Read once per process from seeds/taxonomy.json (the vocabulary the hubs' regions come from); in
 * French, the regions the shared labels name in French (the taxonomy has English and Italian only).
 */
export function reportLabels(language: ReportLanguage = 'en'): ReportLabels {
  const hit = cached.get(language)
  if (hit) return hit
  const raw = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'seeds', 'taxonomy.json'), 'utf8')) as {
    geography?: { regions_named_in_seeds?: { id: string; name_en: string }[] }
  }
  const regions: Record<string, string> = {}
  // "Africa (with the African Union and Smart Africa)" names the region in a table as "Africa".
  for (const r of raw.geography?.regions_named_in_seeds ?? []) regions[r.id] = r.name_en.replace(/\s*\(.*\)\s*$/, '')
  if (language !== 'en') for (const [id, name] of Object.entries(REGION_LABELS_IN[language])) regions[id] = name
  const labels = { regions, statuses: { ...ACTION_STATUS_LABELS_IN[language] } }
  cached.set(language, labels)
  return labels
}

/** A label, or the id made readable when the vocabulary has none (`south-east-asia` → "South east asia"). */
export function labelOf(labels: Record<string, string>, id: string): string {
  if (labels[id]) return labels[id]
  const words = id.replace(/[-_.]+/g, ' ').trim()
  return words ? words[0].toUpperCase() + words.slice(1) : id
}
