import './print.css'

/**
 * Download links for a brief or a note as PDF or DOCX (the server renders both, with the reader's
 * access checked), and Print (the print stylesheet shows the document alone).
 */
export function ExportLinks({ docName, label }: { docName: string; label: string }) {
  const href = (format: 'pdf' | 'docx') => `/api/docs/${encodeURIComponent(docName)}/export?format=${format}`
  return (
    <span className="export-links" data-testid="export-links">
      <a href={href('pdf')} download aria-label={`PDF: download ${label}`}>PDF</a>
      <a href={href('docx')} download aria-label={`DOCX: download ${label} for Word`}>DOCX</a>
      <button type="button" onClick={() => window.print()} aria-label={`Print ${label}`}>Print</button>
    </span>
  )
}
