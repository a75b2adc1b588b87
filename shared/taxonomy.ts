import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js'

/**
 * The controlled vocabulary (seeds/taxonomy.json, the domain's taxonomy with ids
 * unchanged) as pickers, validation and roll-ups use it. Theme ids are dotted paths: a sub-theme
 * `cybersecurity.cyber-capacity-building` rolls up into `cybersecurity`. Forums may name a parent
 * (`itu-pp26` → `itu`). No file access here (shared/ runs in the browser too): callers load the
 * JSON and pass it to `taxonomyFromFile` (taxonomy-file.ts: zod, kept out of the browser's bundle).
 */

/** One theme or forum. */
export interface TaxonomyTerm {
  id: string
  /** The English label (what every caller that does not care about the language shows). */
  label: string
  /** The label in every interface language (Italian falls back to English where the file has none). */
  labels: Record<Language, string>
  /** The parent term's id; the term's own id when it is top-level. */
  parent: string
}

/** A partnership or dialogue (2023 ¶5–7): the EU's digital partnerships, TTCs, dialogues, packages. */
export interface Partnership {
  id: string
  label: string
  type: string
  /** Partner countries (ISO codes) or regions. */
  partners: string[]
}

/** A Global Gateway project named in the taxonomy (the database holds these and those an admin adds). */
export interface GgReference {
  id: string
  name: string
  countries: string[]
  partnership: string | null
}

/** Themes, forums, partnerships, in the file's order. */
export interface Taxonomy {
  themes: TaxonomyTerm[]
  forums: TaxonomyTerm[]
  partnerships: Partnership[]
  ggReferences: GgReference[]
}

/** The top-level theme of a theme id (`dpi` for `dpi.digital-identity`). */
export const topTheme = (id: string) => id.split('.')[0]

/** Whether `id` is a partnership or dialogue id of the taxonomy. */
export const isPartnershipId = (t: Taxonomy, id: unknown): id is string => typeof id === 'string' && t.partnerships.some((p) => p.id === id)

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

/** A term's label in `language` (English when none is given), or the id itself when unknown. */
export function termLabelIn(terms: TaxonomyTerm[], id: string, language: Language = DEFAULT_LANGUAGE): string {
  const term = terms.find((x) => x.id === id)
  if (!term) return id
  return term.labels[LANGUAGES.includes(language) ? language : DEFAULT_LANGUAGE]
}
