import type { FigureTable } from '../../../shared/rollup-tables'
import { downloadCsv } from './csv'

/** A panel's heading with the download of its table as CSV. */
export function PanelHead({ id, title, file, table }: { id: string; title: string; file: string; table: FigureTable }) {
  return (
    <div className="panel-head">
      <h2 id={id}>{title}</h2>
      <button type="button" onClick={() => downloadCsv(file, table)}>
        Download CSV
      </button>
    </div>
  )
}
