/** The controlled vocabulary as the UI and validation use it (from seeds/taxonomy.json). */
export interface TaxonomyTerm {
  id: string
  label: string
  /** The top-level theme id (`dpi` for `dpi.digital-identity`); the term itself when top-level. */
  parent: string
}

export interface Taxonomy {
  themes: TaxonomyTerm[]
  forums: TaxonomyTerm[]
}

/** The top-level theme of a theme id: ids are dotted paths (`cybersecurity.cyber-capacity-building`). */
export const topTheme = (id: string) => id.split('.')[0]
