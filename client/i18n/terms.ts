import type { Language } from '../../shared/languages'

/**
 * A taxonomy term as `/api/taxonomy` answers it: `label` (English) and, where the server has
 * them, `labels` in each interface language. Older servers (and terms without a translation)
 * send only `label`.
 */
export interface LabelledTerm {
  id: string
  label: string
  labels?: Partial<Record<Language, string>>
}

/** A term's label in the interface language, else its English label. */
export const termText = (term: LabelledTerm, language: Language): string => term.labels?.[language] ?? term.label

/** A term id through the taxonomy's labels in the interface language; an unknown id reads as its last part, in words. */
export function termLabelIn(terms: readonly LabelledTerm[] | undefined, id: string, language: Language): string {
  const term = terms?.find((x) => x.id === id)
  if (term) return termText(term, language)
  const last = id.split('.').pop() ?? id
  const words = last.replace(/[-_]+/g, ' ').trim()
  return words ? words[0].toUpperCase() + words.slice(1) : id
}
