import { csvCell } from '../../shared/csv.js'
import { hubNameIn, type FigureTable } from '../../shared/rollup-tables.js'
import { BRIEF_STATUS_LABELS, reportTables, type ProgressReport } from './report.js'
import { focalPointGapText, focalPointTraining, focalPointTrainingLine } from '../../shared/focal-points.js'

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
  const cc = r.rollup.crossCutting
  const hubName = hubNameIn(r.rollup)
  const training = focalPointTraining(r.rollup)
  const out = [
    `# ${r.title}`,
    '',
    `Generated ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC. Overdue and waiting times are counted to ${r.rollup.asOf}.`,
    `Hubs covered (${r.hubs.length}): ${r.hubs.map((h) => h.countryName).join(', ')}.`,
    '',
    '## Summary',
    '',
    `- Exchanges in the period: ${r.hubs.reduce((n, h) => n + h.exchanges, 0)}; actions active in the period: ${Object.values(r.rollup.actionsByStatus).reduce((a, b) => a + b, 0)}.`,
    `- Overdue actions: ${r.rollup.overdue.length}. Cross-cutting items open: ${cc.open}, awaiting cyber input: ${cc.awaitingComment}.`,
    `- Hubs without a digital focal point: ${r.rollup.focalPoints.filter((f) => !f.hasFocalPoint).map((f) => hubName(f.hubId)).join(', ') || 'none'}.`,
    `- ${focalPointTrainingLine(training)} (target, 2023 ¶15: every delegation). Gaps: ${training.gaps.map((g) => focalPointGapText(g, hubName(g.hubId))).join('; ') || 'none'}.`,
    `- Hubs where only the EU delegation was active: ${r.rollup.participation.filter((p) => p.euOnly).map((p) => hubName(p.hubId)).join(', ') || 'none'}.`,
    '',
    `## ${t.hubs.title}`, '', mdTable(t.hubs), '',
    `## ${t.status.title}`, '', mdTable(t.status), '',
    `## ${t.matrix.title}`, '', mdTable(t.matrix), '',
    `## ${t.overdue.title}`, '', t.overdue.rows.length ? mdTable(t.overdue) : 'None.', '',
    `## ${t.crossCutting.title}`, '', t.crossCutting.rows.length ? mdTable(t.crossCutting) : 'None.', '',
    ...[t.forums, t.partnerships, t.globalGatewayByKind, t.globalGateway, t.counterparts, t.memberStates, t.escalation].flatMap((x) => [`## ${x.title}`, '', x.rows.length ? mdTable(x) : 'None.', '']),
    '## Hub summaries',
  ]
  for (const h of r.hubs) {
    out.push('', `### ${h.countryName} — ${h.name}`, '')
    out.push(`${h.exchanges} exchanges and ${h.actions} actions; main themes: ${h.topThemes.join(', ') || 'none'}. Member States engaged: ${h.engaged.join(', ') || 'none'} of ${h.registered.join(', ') || 'none'}. Digital focal point: ${h.focalPoint ?? 'none'}.`)
    if (h.briefStatus) out.push('', `Brief for the period: ${BRIEF_STATUS_LABELS[h.briefStatus]}.`)
    if (h.briefExcerpt) out.push('', `> ${h.briefExcerpt.replace(/\n/g, ' ')}`)
  }
  return out.join('\n') + '\n'
}

/** The report's tables as one CSV: a `section` column names the table each row belongs to. */
export function reportCsv(r: ProgressReport): string {
  const lines: string[] = []
  for (const t of Object.values(reportTables(r))) {
    lines.push(['section', ...t.columns].map(csvCell).join(','))
    for (const row of t.rows) lines.push([t.title, ...row].map(csvCell).join(','))
    lines.push('')
  }
  return lines.join('\r\n')
}
