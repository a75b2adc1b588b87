import { csvCell } from '../../shared/csv.js'
import type { FigureTable } from '../../shared/rollup-tables.js'
import { briefStatusLine, generatedLine, hubFiguresLine, hubsCovered, reportSummary, reportTables, wordsOf, type ProgressReport } from './report.js'
import type { DocBlock } from '../editor/doc-blocks.js'

/** Markdown table cell: pipes and line breaks would break the table. */
const mdCell = (v: string | number) => String(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

function mdTable(t: FigureTable): string {
  return [
    `| ${t.columns.map(mdCell).join(' | ')} |`,
    `| ${t.columns.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n')
}

/** The report as Markdown. */
export function reportMarkdown(r: ProgressReport): string {
  const t = reportTables(r)
  const w = wordsOf(r)
  const none = w.t('report.noRows')
  const out = [
    `# ${r.title}`,
    '',
    generatedLine(r, 'md'),
    hubsCovered(r),
    '',
    `## ${w.t('report.heading.summary')}`,
    '',
    ...reportSummary(r).map((line) => `- ${line}`),
    '',
    `## ${t.hubs.title}`, '', mdTable(t.hubs), '',
    `## ${t.status.title}`, '', mdTable(t.status), '',
    `## ${t.matrix.title}`, '', mdTable(t.matrix), '',
    `## ${t.overdue.title}`, '', t.overdue.rows.length ? mdTable(t.overdue) : none, '',
    `## ${t.crossCutting.title}`, '', t.crossCutting.rows.length ? mdTable(t.crossCutting) : none, '',
    ...[t.forums, t.partnerships, t.globalGatewayByKind, t.globalGateway, t.counterparts, t.memberStates, t.escalation].flatMap((x) => [`## ${x.title}`, '', x.rows.length ? mdTable(x) : none, '']),
    `## ${w.t('report.heading.hubSummaries')}`,
  ]
  for (const h of r.hubs) {
    out.push('', `### ${h.countryName} — ${h.name}`, '')
    out.push(hubFiguresLine(r, h))
    if (h.briefStatus) out.push('', briefStatusLine(r, h.briefStatus))
    // Quoted, as the brief's words: its headings and lists inside the quote.
    if (h.brief.length) out.push('', ...mdBlocks(h.brief).map((line) => (line ? `> ${line}` : '>')))
    else if (h.briefExcerpt) out.push('', `> ${h.briefExcerpt.replace(/\n/g, ' ')}`)
  }
  return out.join('\n') + '\n'
}

/** A brief quoted with its structure: its headings under the hub's (level 4 and below), its lists as lists. */
function mdBlocks(blocks: DocBlock[]): string[] {
  const esc = (t: string) => t.replace(/\r?\n/g, ' ').replace(/^([#>*+-]|\d+\.)/, '\\$1')
  const out: string[] = []
  let prev: DocBlock['type'] | null = null
  for (const b of blocks) {
    const listItem = b.type === 'bullet' || b.type === 'number'
    // Blocks are separated by a blank line; items of one list are not.
    if (prev && !(listItem && (prev === 'bullet' || prev === 'number'))) out.push('')
    const indent = '  '.repeat(b.level ?? 0)
    if (b.type === 'h1' || b.type === 'h2' || b.type === 'h3') out.push(`${'#'.repeat(Math.min(6, Number(b.type[1]) + 3))} ${esc(b.text)}`)
    else if (b.type === 'bullet') out.push(`${indent}- ${esc(b.text)}`)
    else if (b.type === 'number') out.push(`${indent}1. ${esc(b.text)}`)
    else if (b.type === 'quote') out.push(`> ${esc(b.text)}`)
    else out.push(esc(b.text))
    prev = b.type
  }
  return out
}

/** The report's tables as one CSV: a `section` column names the table each row belongs to. */
export function reportCsv(r: ProgressReport): string {
  const lines: string[] = []
  for (const t of Object.values(reportTables(r, { ids: true }))) {
    lines.push(['section', ...t.columns].map(csvCell).join(','))
    for (const row of t.rows) lines.push([t.title, ...row].map(csvCell).join(','))
    lines.push('')
  }
  return lines.join('\r\n')
}
