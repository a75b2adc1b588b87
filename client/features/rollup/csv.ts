/** RFC 4180 field; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
function cell(v: string | number): string {
  let s = String(v)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Downloads a table as a CSV file (UTF-8 with BOM so spreadsheets read accents right). */
export function downloadCsv(name: string, columns: string[], rows: (string | number)[][]): void {
  const text = [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')
  const url = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `${name}.csv`
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
