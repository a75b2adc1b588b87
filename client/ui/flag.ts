/** A country code as a flag emoji (regional indicators); EU gets the EU flag. */
export function flag(code: string): string {
  if (code === 'EU') return '🇪🇺'
  if (!/^[A-Z]{2}$/.test(code)) return ''
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65))
}
