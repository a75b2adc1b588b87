import type { Role } from './roles.js'
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages.js'

/**
 * How ids read to people, in one place for the app, the mails and the report: regions, roles and
 * counted nouns, in every interface language. Statuses keep their labels beside their lists
 * (item-statuses.ts); themes and forums take theirs from the taxonomy. Every function takes an
 * optional language (English when none is given, so older callers read as before).
 */

/** The language asked for, or English for anything else (a stored value is never trusted blindly). */
const lang = (language: Language | undefined): Language => (isLanguage(language) ? language : DEFAULT_LANGUAGE)

export const REGION_LABELS_IN: Record<Language, Record<string, string>> = {
  en: {
    africa: 'Africa',
    'asia-pacific': 'Asia-Pacific',
    'eastern-partnership': 'Eastern Partnership',
    lac: 'Latin America and the Caribbean',
    'north-america': 'North America',
    'western-balkans': 'Western Balkans',
    'middle-east': 'Middle East',
    'central-asia': 'Central Asia',
    'southern-neighbourhood': 'Southern Neighbourhood',
    other: 'Other',
  },
  fr: {
    africa: 'Afrique',
    'asia-pacific': 'Asie-Pacifique',
    'eastern-partnership': 'Partenariat oriental',
    lac: 'Amérique latine et Caraïbes',
    'north-america': 'Amérique du Nord',
    'western-balkans': 'Balkans occidentaux',
    'middle-east': 'Moyen-Orient',
    'central-asia': 'Asie centrale',
    'southern-neighbourhood': 'Voisinage méridional',
    other: 'Autre',
  },
  it: {
    africa: 'Africa',
    'asia-pacific': 'Asia-Pacifico',
    'eastern-partnership': 'Partenariato orientale',
    lac: 'America latina e Caraibi',
    'north-america': 'America del Nord',
    'western-balkans': 'Balcani occidentali',
    'middle-east': 'Medio Oriente',
    'central-asia': 'Asia centrale',
    'southern-neighbourhood': 'Vicinato meridionale',
    other: 'Altro',
  },
}

/** An id's words, capitalised (`gulf-states` → `Gulf states`): how an id nobody named reads. */
function asWords(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim()
  return words ? words[0].toUpperCase() + words.slice(1) : id
}

/** A region id as a name; an id not listed reads as its words, capitalised (`gulf-states` → `Gulf states`). */
export function regionLabel(id: string, language?: Language): string {
  return REGION_LABELS_IN[lang(language)][id] ?? asWords(id)
}

export const ROLE_LABELS_IN: Record<Language, Record<Role, string>> = {
  en: { staff: 'Hub staff', hq: 'HQ reviewer', cyber: 'Cyber ambassador', admin: 'Administrator' },
  fr: { staff: 'Personnel du hub', hq: 'Relecteur au siège', cyber: 'Ambassadeur pour le cyber', admin: 'Administrateur' },
  it: { staff: "Personale dell'hub", hq: 'Revisore della sede centrale', cyber: 'Ambasciatore per il ciberspazio', admin: 'Amministratore' },
}

/** The English role names (kept for callers that show English). */
export const ROLE_LABELS: Record<Role, string> = ROLE_LABELS_IN.en

/** A role id as people say it. */
export const roleName = (role: string, language?: Language): string => ROLE_LABELS_IN[lang(language)][role as Role] ?? role

/** A theme id through the taxonomy's labels (in `language` when the terms carry it); an unknown id reads as its last part, in words. */
export function termLabel(
  terms: readonly { id: string; label: string; labels?: Partial<Record<Language, string>> }[] | undefined,
  id: string,
  language?: Language,
): string {
  const t = terms?.find((x) => x.id === id)
  if (t) return t.labels?.[lang(language)] ?? t.label
  return asWords(id.split('.').pop() ?? id)
}

/** The nouns the interface counts, each in its singular and plural form per language. */
export const COUNTED_NOUNS = {
  hub: { en: ['hub', 'hubs'], fr: ['hub', 'hubs'], it: ['hub', 'hub'] },
  entry: { en: ['entry', 'entries'], fr: ['entrée', 'entrées'], it: ['voce', 'voci'] },
  newEntry: { en: ['new entry', 'new entries'], fr: ['nouvelle entrée', 'nouvelles entrées'], it: ['nuova voce', 'nuove voci'] },
  item: { en: ['item', 'items'], fr: ['élément', 'éléments'], it: ['elemento', 'elementi'] },
  comment: { en: ['comment', 'comments'], fr: ['commentaire', 'commentaires'], it: ['commento', 'commenti'] },
  day: { en: ['day', 'days'], fr: ['jour', 'jours'], it: ['giorno', 'giorni'] },
  exchange: { en: ['exchange', 'exchanges'], fr: ['échange', 'échanges'], it: ['scambio', 'scambi'] },
  action: { en: ['action', 'actions'], fr: ['action', 'actions'], it: ['azione', 'azioni'] },
  record: { en: ['record', 'records'], fr: ['fiche', 'fiches'], it: ['scheda', 'schede'] },
  thread: { en: ['thread', 'threads'], fr: ['fil', 'fils'], it: ['discussione', 'discussioni'] },
  brief: { en: ['brief', 'briefs'], fr: ['note de synthèse', 'notes de synthèse'], it: ['nota di sintesi', 'note di sintesi'] },
  notification: { en: ['notification', 'notifications'], fr: ['notification', 'notifications'], it: ['notifica', 'notifiche'] },
} as const satisfies Record<string, Record<Language, readonly [string, string]>>
export type CountedNoun = keyof typeof COUNTED_NOUNS

const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', it: 'it-IT' }
const rules = new Map<Language, Intl.PluralRules>()
const plural = (language: Language) => {
  let r = rules.get(language)
  if (!r) rules.set(language, (r = new Intl.PluralRules(LOCALES[language])))
  return r
}

/** `n` with a counted noun in the right form and the language's digits: `countOf(2, 'comment', 'fr')` → "2 commentaires". */
export function countOf(n: number, noun: CountedNoun, language?: Language): string {
  const l = lang(language)
  const [one, other] = COUNTED_NOUNS[noun][l]
  return `${n.toLocaleString(LOCALES[l])} ${plural(l).select(n) === 'one' ? one : other}`
}

/**
 * A count with its noun in the right form: `count(1, 'hub')` → "1 hub",
 * `count(3, 'entry', 'entries')` → "3 entries". The nouns are English; with a `language`, a noun of
 * COUNTED_NOUNS is put in that language (`count(3, 'day', undefined, 'fr')` → "3 jours") and any
 * other stays as given. Through Intl.PluralRules (French counts 0 and 1 as singular).
 */
export function count(n: number, one: string, other = one + 's', language?: Language): string {
  const l = lang(language)
  if (l !== 'en') {
    const noun = (Object.keys(COUNTED_NOUNS) as CountedNoun[]).find((k) => COUNTED_NOUNS[k].en[0] === one)
    if (noun) return countOf(n, noun, l)
  }
  return `${n.toLocaleString(LOCALES[l])} ${plural(l).select(n) === 'one' ? one : other}`
}
