import type { FigureTable } from '../../shared/rollup-tables.js'
import { BRIEF_STATUS_LABELS, reportTables, type ProgressReport } from './report.js'

const MARGIN = 50

/** The report as a PDF (pdfkit), with the dashboard's charts drawn as vectors. */
export async function reportPdf(r: ProgressReport): Promise<Buffer> {
  // Loaded at the first PDF, not at start: pdfkit, svg-to-pdfkit, Vega and Vega-Lite take ~0.4 s to import.
  const [{ default: PDFDocument }, { default: SVGtoPDF }, { reportCharts }] = await Promise.all([
    import('pdfkit'),
    import('svg-to-pdfkit'),
    import('./report-charts.js'),
  ])
  const charts = await reportCharts(r)
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: r.title, Producer: 'Hubwork' } })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  const width = doc.page.width - 2 * MARGIN
  const t = reportTables(r)

  doc.font('Helvetica-Bold').fontSize(18).text(r.title)
  doc.moveDown(0.3).font('Helvetica').fontSize(9).fillColor('#555')
  doc.text(`Generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC; overdue and waiting times counted to ${r.rollup.asOf}.`)
  doc.text(`Hubs covered (${r.hubs.length}): ${r.hubs.map((h) => h.countryName).join(', ')}.`)
  doc.fillColor('black').moveDown()
  table(doc, t.hubs, width)
  table(doc, t.status, width)
  for (const chart of charts) {
    const size = svgSize(chart.svg)
    const scale = Math.min(1, width / size.width)
    if (doc.y + size.height * scale > doc.page.height - MARGIN) doc.addPage()
    SVGtoPDF(doc, chart.svg, MARGIN, doc.y, { width: size.width * scale, height: size.height * scale, assumePt: true })
    doc.y += size.height * scale + 12
  }
  table(doc, t.overdue, width)
  table(doc, t.crossCutting, width)
  for (const x of [t.forums, t.partnerships, t.globalGatewayByKind, t.globalGateway, t.counterparts, t.memberStates, t.escalation]) table(doc, x, width)
  doc.addPage().font('Helvetica-Bold').fontSize(14).text('Hub summaries').moveDown(0.5)
  for (const h of r.hubs) {
    if (doc.y > doc.page.height - 150) doc.addPage()
    doc.font('Helvetica-Bold').fontSize(11).text(`${h.countryName} — ${h.name}`)
    doc.font('Helvetica').fontSize(9)
    doc.text(`${h.exchanges} exchanges, ${h.actions} actions; main themes: ${h.topThemes.join(', ') || 'none'}. Member States engaged: ${h.engaged.join(', ') || 'none'} of ${h.registered.length}. Digital focal point: ${h.focalPoint ?? 'none'}.`)
    if (h.briefStatus) doc.text(`Brief for the period: ${BRIEF_STATUS_LABELS[h.briefStatus]}.`)
    if (h.briefExcerpt) doc.fillColor('#444').text(h.briefExcerpt, { indent: 10 }).fillColor('black')
    doc.moveDown(0.6)
  }
  doc.end()
  return done
}

function svgSize(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg)
  const h = /<svg[^>]*\sheight="([\d.]+)"/.exec(svg)
  return { width: Number(w?.[1] ?? 400), height: Number(h?.[1] ?? 300) }
}

/** A simple ruled table; long tables continue on the next page with their header repeated. */
function table(doc: PDFKit.PDFDocument, t: FigureTable, width: number) {
  if (doc.y > doc.page.height - 120) doc.addPage()
  doc.font('Helvetica-Bold').fontSize(12).text(t.title, MARGIN).moveDown(0.3)
  if (t.rows.length === 0) {
    doc.font('Helvetica').fontSize(9).text('None.').moveDown()
    return
  }
  const colW = width / t.columns.length
  const row = (cells: (string | number)[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8)
    const heights = cells.map((c) => doc.heightOfString(String(c), { width: colW - 4 }))
    const h = Math.max(...heights) + 4
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage()
      if (!bold) row(t.columns, true)
    }
    const y = doc.y
    cells.forEach((c, i) => doc.text(String(c), MARGIN + i * colW + 2, y + 2, { width: colW - 4 }))
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.3).strokeColor('#999').stroke()
    doc.y = y + h
  }
  row(t.columns, true)
  for (const r of t.rows) row(r, false)
  doc.x = MARGIN
  doc.moveDown()
}
