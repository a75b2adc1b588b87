import { z } from 'zod'

/**
 * The controlled vocabulary (seeds/taxonomy.json, the domain's taxonomy with ids
 * unchanged) as pickers, validation and roll-ups use it. Theme ids are dotted paths: a sub-theme
 * `cybersecurity.cyber-capacity-building` rolls up into `cybersecurity`. Forums may name a parent
 * (`itu-pp26` → `itu`). No file access here (shared/ runs in the browser too): callers load the
 * JSON and pass it to `taxonomyFromFile`.
 */

/** One theme or forum. */
export interface TaxonomyTerm {
  id: string
  label: string
  /** The parent term's id; the term's own id when it is top-level. */
  parent: string
}

/** Themes and forums, in the file's order. */
export interface Taxonomy {
  themes: TaxonomyTerm[]
  forums: TaxonomyTerm[]
}

/** The parts of taxonomy.json this product reads; other keys are ignored. */
export const TaxonomyFileSchema = z.object({
  themes: z.array(z.object({ id: z.string().min(1), label_en: z.string(), parent: z.string().nullish() })),
  forums: z.array(
    z.object({ id: z.string().min(1), acronym: z.string().nullish(), name_en: z.string(), parent: z.string().nullish() }),
  ),
})
export type TaxonomyFile = z.infer<typeof TaxonomyFileSchema>

/** The top-level theme of a theme id (`dpi` for `dpi.digital-identity`). */
export const topTheme = (id: string) => id.split('.')[0]

/** Validates the parsed JSON of taxonomy.json and reduces it to terms. @throws on a malformed file */
export function taxonomyFromFile(raw: unknown): Taxonomy {
  const file = TaxonomyFileSchema.parse(raw)
  return {
    themes: file.themes.map((t) => ({ id: t.id, label: t.label_en, parent: t.parent ?? topTheme(t.id) })),
    forums: file.forums.map((f) => ({
      id: f.id,
      label: f.acronym && f.acronym !== f.name_en ? `${f.acronym} — ${f.name_en}` : f.name_en,
      parent: f.parent ?? f.id,
    })),
  }
}

/** Themes; only the top-level ones with `topLevelOnly`. */
export function listThemes(t: Taxonomy, opts: { topLevelOnly?: boolean } = {}): TaxonomyTerm[] {
  return opts.topLevelOnly ? t.themes.filter((x) => x.parent === x.id) : t.themes
}

/** Forums; only the top-level ones with `topLevelOnly`. */
export function listForums(t: Taxonomy, opts: { topLevelOnly?: boolean } = {}): TaxonomyTerm[] {
  return opts.topLevelOnly ? t.forums.filter((x) => x.parent === x.id) : t.forums
}

/** The direct children of a theme or forum. */
export function childTerms(terms: TaxonomyTerm[], parentId: string): TaxonomyTerm[] {
  return terms.filter((x) => x.parent === parentId && x.id !== parentId)
}

const idSets = new WeakMap<TaxonomyTerm[], Set<string>>()
function has(terms: TaxonomyTerm[], id: unknown): boolean {
  if (typeof id !== 'string') return false
  let set = idSets.get(terms)
  if (!set) idSets.set(terms, (set = new Set(terms.map((x) => x.id))))
  return set.has(id)
}

/** Whether `id` is a theme id of the taxonomy (ids are compared exactly). */
export const isThemeId = (t: Taxonomy, id: unknown): id is string => has(t.themes, id)

/** Whether `id` is a forum id of the taxonomy. */
export const isForumId = (t: Taxonomy, id: unknown): id is string => has(t.forums, id)

/** A term's label, or the id itself when unknown (an entry may carry an id the taxonomy dropped). */
export function termLabel(terms: TaxonomyTerm[], id: string): string {
  return terms.find((x) => x.id === id)?.label ?? id
}
