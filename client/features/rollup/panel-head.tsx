import type { FigureTable } from '../../../shared/rollup-tables'
import { useT } from '../../i18n/provider'
import { downloadCsv } from './csv'

/** A panel's heading with the download of its table as CSV. */
export function PanelHead({ id, title, file, table }: { id: string; title: string; file: string; table: FigureTable }) {
  const t = useT()
  return (
    <div className="panel-head">
      <h2 id={id}>{title}</h2>
      <button type="button" onClick={() => downloadCsv(file, table)}>
        {t('rollup.downloadCsv')}
      </button>
    </div>
  )
}
