import './print.css'
import { useT } from '../../i18n/provider'

/**
 * Download links for a brief or a note as PDF or DOCX (the server renders both, with the reader's
 * access checked), and Print (the print stylesheet shows the document alone).
 */
export function ExportLinks({ docName, label }: { docName: string; label: string }) {
  const href = (format: 'pdf' | 'docx') => `/api/docs/${encodeURIComponent(docName)}/export?format=${format}`
  const t = useT()
  return (
    <span className="export-links" data-testid="export-links">
      <a href={href('pdf')} download aria-label={t('export.pdf', { label })}>{t('export.pdfText')}</a>
      <a href={href('docx')} download aria-label={t('export.docx', { label })}>{t('export.docxText')}</a>
      <button type="button" onClick={() => window.print()} aria-label={t('export.print', { label })}>{t('export.printButton')}</button>
    </span>
  )
}
