import { z } from 'zod'
import { GgProjectView } from './references.js'

/** One label per interface language. */
export const LabelsView = z.object({ en: z.string(), fr: z.string(), it: z.string() })

/** A theme or forum: `label` is the English one, `labels` every language's. */
export const TaxonomyTermView = z.object({
  id: z.string(),
  label: z.string(),
  labels: LabelsView,
  parent: z.string().describe('the parent term, or the term itself when top-level'),
})

/** `GET /api/taxonomy`: the controlled vocabulary and the Global Gateway projects. */
export const TaxonomyView = z.object({
  themes: z.array(TaxonomyTermView),
  forums: z.array(TaxonomyTermView),
  partnerships: z.array(z.object({ id: z.string(), label: z.string(), type: z.string(), partners: z.array(z.string()) })),
  ggReferences: z.array(z.object({ id: z.string(), name: z.string(), countries: z.array(z.string()), partnership: z.string().nullable() })),
  ggProjects: z.array(GgProjectView),
})
export type TaxonomyView = z.infer<typeof TaxonomyView>
