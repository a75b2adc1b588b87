/**
 * One CSV field (RFC 4180). A leading = + - @ tab or CR is neutralised with a quote so a
 * spreadsheet never runs user text as a formula. Used by the dashboard's exports and the report.
 */
export function csvCell(v: string | number): string {
  let s = String(v)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
