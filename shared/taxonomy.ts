import { z } from 'zod'
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js'

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

/** The parts of taxonomy.json this product reads; other keys are ignored. */
export const TaxonomyFileSchema = z.object({
  themes: z.array(
    z.object({
      id: z.string().min(1), label_en: z.string(), label_fr: z.string().nullish(), label_it: z.string().nullish(), parent: z.string().nullish(),
    }),
  ),
  forums: z.array(
    z.object({
      id: z.string().min(1), acronym: z.string().nullish(), name_en: z.string(), name_fr: z.string().nullish(),
      name_it: z.string().nullish(), parent: z.string().nullish(),
    }),
  ),
  partnerships_dialogues: z
    .array(z.object({ id: z.string().min(1), type: z.string(), name_en: z.string(), partners: z.array(z.string()).nullish() }))
    .optional(),
  global_gateway: z
    .object({
      reference_projects: z.array(
        z.object({ id: z.string().min(1), name: z.string(), countries: z.array(z.string()).nullish(), partnership_id: z.string().nullish() }),
      ),
    })
    .optional(),
})
export type TaxonomyFile = z.infer<typeof TaxonomyFileSchema>

/** The top-level theme of a theme id (`dpi` for `dpi.digital-identity`). */
export const topTheme = (id: string) => id.split('.')[0]

/**
 * One wording per language; a missing one falls back to English. The file's Italian is the
 * Council text's own wording, in lower case as it stands in a sentence: capitalised for a label.
 */
function inEveryLanguage(given: { en: string; fr?: string | null; it?: string | null }): Record<Language, string> {
  const capital = (s: string) => s.charAt(0).toLocaleUpperCase('it') + s.slice(1)
  return {
    en: given.en,
    fr: given.fr?.trim() ? given.fr : given.en,
    it: given.it?.trim() ? capital(given.it) : given.en,
  }
}

/** Validates the parsed JSON of taxonomy.json and reduces it to terms. @throws on a malformed file */
export function taxonomyFromFile(raw: unknown): Taxonomy {
  const file = TaxonomyFileSchema.parse(raw)
  return {
    themes: file.themes.map((t) => {
      const labels = inEveryLanguage({ en: t.label_en, fr: t.label_fr, it: t.label_it })
      return { id: t.id, label: labels.en, labels, parent: t.parent ?? topTheme(t.id) }
    }),
    forums: file.forums.map((f) => {
      const named = (name: string) => (f.acronym && f.acronym !== name ? `${f.acronym} — ${name}` : name)
      const names = inEveryLanguage({ en: f.name_en, fr: f.name_fr, it: f.name_it })
      const labels = { en: named(names.en), fr: named(names.fr), it: named(names.it) }
      return { id: f.id, label: labels.en, labels, parent: f.parent ?? f.id }
    }),
    partnerships: (file.partnerships_dialogues ?? []).map((p) => ({ id: p.id, label: p.name_en, type: p.type, partners: p.partners ?? [] })),
    ggReferences: (file.global_gateway?.reference_projects ?? []).map((g) => ({
      id: g.id, name: g.name, countries: g.countries ?? [], partnership: g.partnership_id ?? null,
    })),
  }
}

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
