/** Only http(s) and mailto links are kept: a `javascript:` URL never becomes clickable. */
export function validateUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url)
}

/**
 * What a person typed as a link address, made whole: `eur-lex.europa.eu` → `https://eur-lex.europa.eu`,
 * `ewa@example.org` → `mailto:ewa@example.org`. Null for text that is no web or mail address
 * (`javascript:…`, words with spaces).
 */
export function normalizeUrl(typed: string): string | null {
  const t = typed.trim()
  if (!t) return null
  if (validateUrl(t)) return /\s/.test(t) ? null : t
  if (/^[a-z][a-z0-9+.-]*:/i.test(t) && !/^[^:]+\.[^:]+:\d/.test(t)) return null // another scheme
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(t)) return `mailto:${t}`
  if (/^(\/\/)?[^\s/]+\.[^\s/]{2,}(\/\S*)?$/.test(t)) return `https://${t.replace(/^\/\//, '')}`
  return null
}

/** Opens a link of a document in a new tab, with no access back to this page (noopener). */
export function openLink(href: string): void {
  if (validateUrl(href)) window.open(href, '_blank', 'noopener,noreferrer')
}
