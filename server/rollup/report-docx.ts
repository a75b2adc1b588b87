import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import type { FigureTable } from '../../shared/rollup-tables.js'
import { BRIEF_STATUS_LABELS, reportTables, type ProgressReport } from './report.js'

/** The report as DOCX (what diplomats edit further): headings, real Word tables, hub summaries. */
export async function reportDocx(r: ProgressReport): Promise<Buffer> {
  const t = reportTables(r)
  const section = (tbl: FigureTable) => [
    new Paragraph({ text: tbl.title, heading: HeadingLevel.HEADING_2 }),
    tbl.rows.length ? wordTable(tbl) : new Paragraph('None.'),
  ]
  const doc = new Document({
    title: r.title,
    creator: 'Hubwork',
    sections: [
      {
        children: [
          new Paragraph({ text: r.title, heading: HeadingLevel.TITLE }),
          new Paragraph({
            children: [new TextRun({ text: `Generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC; overdue and waiting times counted to ${r.rollup.asOf}.`, italics: true })],
          }),
          new Paragraph(`Hubs covered (${r.hubs.length}): ${r.hubs.map((h) => h.countryName).join(', ')}.`),
          ...section(t.hubs),
          ...section(t.status),
          ...section(t.matrix),
          ...section(t.overdue),
          ...section(t.crossCutting),
          ...[t.forums, t.partnerships, t.globalGatewayByKind, t.globalGateway, t.counterparts, t.memberStates, t.escalation].flatMap((x) => section(x)),
          new Paragraph({ text: 'Hub summaries', heading: HeadingLevel.HEADING_2 }),
          ...r.hubs.flatMap((h) => [
            new Paragraph({ text: `${h.countryName} — ${h.name}`, heading: HeadingLevel.HEADING_3 }),
            new Paragraph(
              `${h.exchanges} exchanges and ${h.actions} actions; main themes: ${h.topThemes.join(', ') || 'none'}. Member States engaged: ${h.engaged.join(', ') || 'none'} of ${h.registered.join(', ') || 'none'}. Digital focal point: ${h.focalPoint ?? 'none'}.`,
            ),
            ...(h.briefStatus ? [new Paragraph(`Brief for the period: ${BRIEF_STATUS_LABELS[h.briefStatus]}.`)] : []),
            ...(h.briefExcerpt ? [new Paragraph({ children: [new TextRun({ text: h.briefExcerpt, italics: true })] })] : []),
          ]),
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
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
