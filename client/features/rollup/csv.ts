import { csvCell } from '../../../shared/csv'
import type { FigureTable } from '../../../shared/rollup-tables'

/** Downloads a table as a CSV file (UTF-8 with BOM so spreadsheets read accents right). */
export function downloadCsv(name: string, table: Pick<FigureTable, 'columns' | 'rows'>): void {
  const text = [table.columns, ...table.rows].map((r) => r.map(csvCell).join(',')).join('\r\n')
  const url = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `${name}.csv`
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
