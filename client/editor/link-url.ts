/** Only http(s) and mailto links are kept: a `javascript:` URL never becomes clickable. */
export function validateUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url)
}
