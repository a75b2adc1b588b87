import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import type { FigureTable } from '../../shared/rollup-tables.js'
import { briefStatusLine, generatedLine, hubFiguresLine, hubsCovered, reportSummary, reportTables, wordsOf, type ProgressReport } from './report.js'
import type { DocBlock } from '../editor/doc-blocks.js'

/** The report as DOCX (what diplomats edit further): headings, real Word tables, hub summaries. */
export async function reportDocx(r: ProgressReport): Promise<Buffer> {
  const t = reportTables(r)
  const w = wordsOf(r)
  const section = (tbl: FigureTable) => [
    new Paragraph({ text: tbl.title, heading: HeadingLevel.HEADING_2 }),
    tbl.rows.length ? wordTable(tbl) : new Paragraph(w.t('report.noRows')),
  ]
  const doc = new Document({
    title: r.title,
    creator: 'Hubwork',
    // The document's language, for spelling and for screen readers.
    styles: { default: { document: { run: { language: { value: w.locale } } } } },
    numbering: { config: [{ reference: NUMBERED, levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } } })) }] },
    sections: [
      {
        children: [
          new Paragraph({ text: r.title, heading: HeadingLevel.TITLE }),
          new Paragraph({
            children: [new TextRun({ text: generatedLine(r), italics: true })],
          }),
          new Paragraph(hubsCovered(r)),
          new Paragraph({ text: w.t('report.heading.summary'), heading: HeadingLevel.HEADING_2 }),
          ...reportSummary(r).map((line) => new Paragraph({ text: line, bullet: { level: 0 } })),
          ...section(t.hubs),
          ...section(t.status),
          ...section(t.matrix),
          ...section(t.overdue),
          ...section(t.crossCutting),
          ...[t.forums, t.partnerships, t.globalGatewayByKind, t.globalGateway, t.counterparts, t.memberStates, t.escalation].flatMap((x) => section(x)),
          new Paragraph({ text: w.t('report.heading.hubSummaries'), heading: HeadingLevel.HEADING_2 }),
          ...r.hubs.flatMap((h) => [
            new Paragraph({ text: `${h.countryName} — ${h.name}`, heading: HeadingLevel.HEADING_3 }),
            new Paragraph(hubFiguresLine(r, h)),
            ...(h.briefStatus ? [new Paragraph(briefStatusLine(r, h.briefStatus))] : []),
            ...(h.brief.length ? wordBlocks(h.brief) : h.briefExcerpt ? [new Paragraph({ children: [new TextRun({ text: h.briefExcerpt, italics: true })] })] : []),
          ]),
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}

const NUMBERED = 'brief-numbered'

/** A brief with its structure: its headings as Word headings below the hub's, its lists as Word lists. */
function wordBlocks(blocks: DocBlock[]): Paragraph[] {
  let list = 0
  let prev: DocBlock['type'] | null = null
  return blocks.map((b) => {
    // A numbered list that follows other blocks starts again at 1.
    if (b.type === 'number' && prev !== 'number' && prev !== 'bullet') list++
    prev = b.type
    const level = Math.min(2, b.level ?? 0)
    if (b.type === 'h1' || b.type === 'h2' || b.type === 'h3') return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_4 })
    if (b.type === 'bullet') return new Paragraph({ text: b.text, bullet: { level } })
    if (b.type === 'number') return new Paragraph({ text: b.text, numbering: { reference: NUMBERED, level, instance: list } })
    if (b.type === 'quote') return new Paragraph({ children: [new TextRun({ text: b.text, italics: true })], indent: { left: 360 } })
    return new Paragraph(b.text)
  })
}

function wordTable(t: FigureTable): Table {
  const cell = (text: string | number, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(text), bold })] })] })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c, true)) }),
      ...t.rows.map((row) => new TableRow({ children: row.map((v) => cell(v)) })),
    ],
  })
}
