import type { Role } from './roles.js'

/**
 * How ids read to people, in one place for the app and the report: regions, roles and counted
 * nouns. Statuses keep their labels beside their lists (item-statuses.ts); themes and forums take
 * theirs from the taxonomy.
 */

const REGION_LABELS: Record<string, string> = {
  africa: 'Africa',
  'asia-pacific': 'Asia-Pacific',
  'eastern-partnership': 'Eastern Partnership',
  lac: 'Latin America and the Caribbean',
  'north-america': 'North America',
  'western-balkans': 'Western Balkans',
  'middle-east': 'Middle East',
  'central-asia': 'Central Asia',
  other: 'Other',
}

/** A region id as a name; an id not listed reads as its words, capitalised (`gulf-states` → `Gulf states`). */
export function regionLabel(id: string): string {
  if (REGION_LABELS[id]) return REGION_LABELS[id]
  const words = id.replace(/[-_]+/g, ' ').trim()
  return words ? words[0].toUpperCase() + words.slice(1) : id
}

export const ROLE_LABELS: Record<Role, string> = {
  staff: 'Hub staff',
  hq: 'HQ reviewer',
  cyber: 'Cyber ambassador',
  admin: 'Administrator',
}

/** A role id as people say it. */
export const roleName = (role: string): string => ROLE_LABELS[role as Role] ?? role

/** A theme id through the taxonomy's labels; an unknown id reads as its last part, in words. */
export function termLabel(terms: readonly { id: string; label: string }[] | undefined, id: string): string {
  const t = terms?.find((x) => x.id === id)
  if (t) return t.label
  const last = id.split('.').pop() ?? id
  const words = last.replace(/[-_]+/g, ' ').trim()
  return words ? words[0].toUpperCase() + words.slice(1) : id
}

/**
 * A count with its noun in the right form, in English: `count(1, 'hub')` → "1 hub",
 * `count(3, 'entry', 'entries')` → "3 entries". Through Intl.PluralRules so a later language
 * only adds its forms.
 */
const rules = new Intl.PluralRules('en-GB')
export function count(n: number, one: string, other = one + 's'): string {
  return `${n.toLocaleString('en-GB')} ${rules.select(n) === 'one' ? one : other}`
}
