/**
 * The interface languages: the EU's working languages English and French, and Italian (the
 * language the Council texts the product comes from are also published in). Record content is
 * never translated: these are the language of the interface, the mails and the report.
 */
export const LANGUAGES = ['en', 'fr', 'it'] as const
export type Language = (typeof LANGUAGES)[number]

/** The language of an interface nobody chose one for. */
export const DEFAULT_LANGUAGE: Language = 'en'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}
