import { z } from 'zod'
import type { Language } from './languages.js'
import { topTheme, type Taxonomy } from './taxonomy.js'

/**
 * Reading seeds/taxonomy.json into the `Taxonomy` the rest works with. Apart from taxonomy.ts so that
 * the browser, which gets the taxonomy already read from `/api/taxonomy`, never bundles zod for it.
 */

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

