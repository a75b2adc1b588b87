import type { FigureTable } from '../../shared/rollup-tables.js'
import type { DocBlock } from '../editor/doc-blocks.js'
import { registerPdfFonts, taggedA4 } from '../export/pdf-fonts.js'
import { briefStatusLine, generatedLine, hubFiguresLine, hubsCovered, reportSummary, reportTables, wordsOf, type ProgressReport } from './report.js'

/** A4 in points, and the margins every page keeps (the page box charts and tables must stay in). */
const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 50
/** A chart never takes more than this share of a page's content height (it is a figure, not a page). */
const CHART_MAX_SHARE = 0.55

/** Where the renderer put each chart and table segment, in points from the page's top left. */
export interface LayoutBox {
  /** 0-based page index. */
  page: number
  kind: 'chart' | 'table'
  title: string
  x: number
  y: number
  width: number
  height: number
}


/** The report as a PDF (pdfkit), with the dashboard's charts drawn as vectors. */
export async function reportPdf(r: ProgressReport): Promise<Buffer> {
  return (await renderReportPdf(r)).pdf
}

/**
 * The report as a tagged PDF/UA document laid out for A4: every chart scaled into the page box
 * and placed below what came before it (never over a table), tables breaking across pages with
 * their header repeated, the summary, and each brief with its headings and lists. Returns the
 * layout boxes too, so a test can check the layout without trusting the picture.
 */
export async function renderReportPdf(r: ProgressReport): Promise<{ pdf: Buffer; layout: LayoutBox[] }> {
  // Loaded at the first PDF, not at start: pdfkit, svg-to-pdfkit, Vega and Vega-Lite take ~0.4 s to import.
  const [{ default: PDFDocument }, { default: SVGtoPDF }, { reportCharts }] = await Promise.all([
    import('pdfkit'),
    import('svg-to-pdfkit'),
    import('./report-charts.js'),
  ])
  const charts = await reportCharts(r)
  const w = wordsOf(r)
  const doc = new PDFDocument(taggedA4(r.title, w.t('report.subject'), MARGIN, w.locale))
  registerPdfFonts(doc)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  let page = 0
  doc.on('pageAdded', () => page++)
  const layout: LayoutBox[] = []
  const width = A4.width - 2 * MARGIN
  const bottom = A4.height - MARGIN
  const t = reportTables(r)
  const root = doc.struct('Document')
  doc.addStructure(root)

  /** Starts a new page unless `height` more points fit on this one. */
  const room = (height: number) => {
    if (doc.y + height > bottom) doc.addPage()
  }
  const heading = (level: 1 | 2 | 3 | 4, text: string, parent = root) => {
    const size = { 1: 18, 2: 14, 3: 11.5, 4: 10 }[level]
    doc.font('Bold').fontSize(size)
    room(doc.heightOfString(text, { width }) + 40)
    if (level <= 2) doc.moveDown(level === 1 ? 0 : 0.6)
    parent.add(doc.struct(`H${level}`, {}, () => void doc.text(text, MARGIN, doc.y, { width })))
    if (level === 2) doc.outline.addItem(text)
    doc.moveDown(0.3)
  }
  const paragraph = (text: string, opts: { font?: 'Body' | 'Italic'; size?: number; color?: string; indent?: number } = {}, parent = root) => {
    doc.font(opts.font ?? 'Body').fontSize(opts.size ?? 9).fillColor(opts.color ?? 'black')
    const w = width - (opts.indent ?? 0)
    room(doc.heightOfString(text, { width: w }) + 4)
    parent.add(doc.struct('P', {}, () => void doc.text(text, MARGIN + (opts.indent ?? 0), doc.y, { width: w })))
    doc.fillColor('black').moveDown(0.3)
  }
  /** A list: L > LI > (Lbl, LBody), each item kept on one page. */
  const list = (items: { text: string; label: string; level?: number }[], parent = root) => {
    const l = doc.struct('L')
    parent.add(l)
    doc.font('Body').fontSize(9)
    for (const it of items) {
      const indent = 14 + 14 * (it.level ?? 0)
      room(doc.heightOfString(it.text, { width: width - indent }) + 3)
      const y = doc.y
      const li = doc.struct('LI')
      l.add(li)
      li.add(doc.struct('Lbl', {}, () => void doc.text(it.label, MARGIN + indent - 12, y, { width: 12, lineBreak: false })))
      li.add(doc.struct('LBody', {}, () => void doc.text(it.text, MARGIN + indent, y, { width: width - indent })))
      li.end()
      doc.moveDown(0.15)
    }
    l.end()
    doc.x = MARGIN
    doc.moveDown(0.3)
  }

  heading(1, r.title)
  paragraph(generatedLine(r), { color: '#444' })
  paragraph(hubsCovered(r), { color: '#444' })

  heading(2, w.t('report.heading.summary'))
  list(reportSummary(r).map((text) => ({ text, label: '•' })))

  table(t.hubs)
  table(t.status)
  heading(2, w.t('report.heading.charts'))
  for (const chart of charts) {
    const size = svgSize(chart.svg)
    // Scaled to the content width and to a share of the page height, whichever binds; never up.
    const scale = Math.min(1, width / size.width, ((bottom - MARGIN) * CHART_MAX_SHARE) / size.height)
    const w = size.width * scale
    const h = size.height * scale
    room(h + 24)
    const y = doc.y
    root.add(
      doc.struct('Figure', { alt: chart.alt }, () => {
        SVGtoPDF(doc, chart.svg, MARGIN, y, {
          width: w,
          height: h,
          assumePt: true,
          preserveAspectRatio: 'xMinYMin meet',
          fontCallback: (_family: string, bold: boolean, italic: boolean) => (bold ? 'Bold' : italic ? 'Italic' : 'Body'),
        } as Parameters<typeof SVGtoPDF>[4])
      }),
    )
    layout.push({ page, kind: 'chart', title: chart.title, x: MARGIN, y, width: w, height: h })
    // svg-to-pdfkit moves the text cursor as it draws: the next block starts below the figure's box.
    doc.x = MARGIN
    doc.y = y + h + 16
  }
  table(t.matrix)
  table(t.overdue)
  table(t.crossCutting)
  for (const x of [t.forums, t.partnerships, t.globalGatewayByKind, t.globalGateway, t.counterparts, t.memberStates, t.escalation]) table(x)

  doc.addPage()
  heading(2, w.t('report.heading.hubSummaries'))
  for (const h of r.hubs) {
    const sect = doc.struct('Sect')
    root.add(sect)
    heading(3, `${h.countryName} — ${h.name}`, sect)
    paragraph(hubFiguresLine(r, h), {}, sect)
    if (h.briefStatus) paragraph(briefStatusLine(r, h.briefStatus), {}, sect)
    if (h.brief.length) briefBlocks(h.brief, sect)
    else if (h.briefExcerpt) paragraph(h.briefExcerpt, { font: 'Italic', color: '#333', indent: 10 }, sect)
    sect.end()
    doc.moveDown(0.5)
  }
  root.end()
  footers()
  doc.end()
  return { pdf: await done, layout }

  /** A brief quoted with its structure: its headings below the hub's, its lists as lists. */
  function briefBlocks(blocks: DocBlock[], parent: PDFKit.PDFStructureElement) {
    let pending: { text: string; label: string; level?: number }[] = []
    let n = 0
    const flush = () => {
      if (pending.length) list(pending, parent)
      pending = []
      n = 0
    }
    for (const b of blocks) {
      if (b.type === 'bullet' || b.type === 'number') {
        pending.push({ text: b.text, label: b.type === 'number' ? `${++n}.` : '•', level: b.level })
        continue
      }
      flush()
      if (b.type === 'h1' || b.type === 'h2' || b.type === 'h3') heading(4, b.text, parent)
      else paragraph(b.text, b.type === 'quote' ? { font: 'Italic', indent: 12, color: '#333' } : {}, parent)
    }
    flush()
  }

  /** A ruled table (Table > TR > TH/TD); rows never split, the header repeats on each new page. */
  function table(tbl: FigureTable) {
    // A title, the header and a few rows together, or a new page: never a lone title at a page's foot.
    room(tbl.rows.length ? 110 : 60)
    heading(2, tbl.title)
    if (tbl.rows.length === 0) {
      paragraph(w.t('report.noRows'))
      return
    }
    const colW = columnWidths(tbl, width)
    const tag = doc.struct('Table')
    root.add(tag)
    let segment = { page, y: doc.y }
    const close = () => layout.push({ page: segment.page, kind: 'table', title: tbl.title, x: MARGIN, y: segment.y, width, height: doc.y - segment.y })
    const row = (cells: (string | number)[], header: boolean, repeated = false) => {
      doc.font(header ? 'Bold' : 'Body').fontSize(8)
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(String(c), { width: colW[i] - 4 }))) + 5
      if (doc.y + h > bottom) {
        close()
        doc.addPage()
        segment = { page, y: doc.y }
        row(tbl.columns, true, true)
        doc.font(header ? 'Bold' : 'Body').fontSize(8)
      }
      const y = doc.y
      let x = MARGIN
      const draw = (c: string | number, i: number) => doc.text(String(c), x + 2, y + 2.5, { width: colW[i] - 4 })
      if (repeated) {
        // A header repeated on a new page is pagination, not content: read once.
        doc.markContent('Artifact', { type: 'Pagination' })
        cells.forEach((c, i) => (draw(c, i), (x += colW[i])))
        doc.endMarkedContent()
      } else {
        const tr = doc.struct('TR')
        tag.add(tr)
        cells.forEach((c, i) => {
          tr.add(doc.struct(header ? 'TH' : 'TD', {}, () => void draw(c, i)))
          x += colW[i]
        })
        tr.end()
      }
      doc.markContent('Artifact', { type: 'Layout' })
      if (header) doc.rect(MARGIN, y, width, h).fillOpacity(0.08).fill('#003399').fillOpacity(1).fillColor('black')
      doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(header ? 0.8 : 0.3).strokeColor(header ? '#333' : '#999').stroke()
      doc.endMarkedContent()
      doc.y = y + h
    }
    row(tbl.columns, true)
    for (const cells of tbl.rows) row(cells, false)
    tag.end()
    close()
    doc.x = MARGIN
    doc.moveDown()
  }

  /** "Page n of m" at the foot of every page, as pagination artifacts. */
  function footers() {
    const range = doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i)
      const keep = doc.page.margins.bottom
      // Writing below the bottom margin would otherwise start a new page.
      doc.page.margins.bottom = 0
      doc.markContent('Artifact', { type: 'Pagination' })
      doc.font('Body').fontSize(7.5).fillColor('#555')
      doc.text(w.t('report.page', { title: r.title, page: i + 1, pages: range.count }), MARGIN, A4.height - MARGIN + 18, { width, align: 'center', lineBreak: false })
      doc.endMarkedContent()
      doc.fillColor('black')
      doc.page.margins.bottom = keep
    }
  }
}

/** Column widths by what the columns hold: text columns wide, counts narrow; they fill `width`. */
function columnWidths(t: FigureTable, width: number): number[] {
  const weight = t.columns.map((c, i) => {
    const cells = t.rows.map((r) => String(r[i] ?? ''))
    const avg = cells.reduce((n, s) => n + s.length, 0) / Math.max(1, cells.length)
    const longestWord = Math.max(...c.split(/\s+/).map((w) => w.length))
    return Math.min(40, Math.max(avg, longestWord, 4))
  })
  const sum = weight.reduce((a, b) => a + b, 0)
  return weight.map((w) => (w / sum) * width)
}

function svgSize(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg)
  const h = /<svg[^>]*\sheight="([\d.]+)"/.exec(svg)
  return { width: Number(w?.[1] ?? 400), height: Number(h?.[1] ?? 300) }
}
