import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../app-env.js'
import { can } from '../../shared/access.js'
import { requireActor } from '../auth/session-middleware.js'
import { ForbiddenError } from '../errors.js'
import { buildProgressReport } from '../rollup/report.js'
import { reportCsv, reportMarkdown } from '../rollup/report-text.js'
import { runHeavy } from '../cpu/cpu-pool.js'
import { loadTaxonomy } from '../taxonomy-file.js'
import { RollupRequest } from '../../shared/schemas/rollup.js'
import { resolveRollupRequest } from '../periods/period-query.js'
import { validate } from './validate.js'
import { audit } from './audit-context.js'
import { REPORT_LANGUAGES, isReportLanguage } from '../rollup/report-words.js'
import { blocksWithMentionNames, withMentionNames } from '../mentions/mention-names.js'

const ReportQuery = RollupRequest.and(
  z.object({
    format: z.enum(['md', 'csv', 'pdf', 'docx']).default('md'),
    lang: z.enum(REPORT_LANGUAGES).optional().describe('the language of the report’s own words (`en` or `fr`); default: the caller’s interface language when it is one of these, else `en`. Record content is never translated'),
  }),
)

const TYPES = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const

/** `GET /api/reports/progress?from&to&format&lang`: the Council progress report as a download (hq, admin), in English or French. */
export const reports = new Hono<AppEnv>().get('/progress', validate('query', ReportQuery), async (c) => {
  const actor = requireActor(c)
  if (!can(actor, { kind: 'report' }, 'read')) throw new ForbiddenError('only HQ and administrators generate progress reports')
  const { format, lang, ...request } = c.req.valid('query')
  const language = lang ?? (isReportLanguage(actor.language) ? actor.language : 'en')
  const resolved = await resolveRollupRequest(c.var.db, request)
  const { from, to } = resolved.query
  const taxonomy = loadTaxonomy()
  const periodBriefs = resolved.period ? { periodId: resolved.period.id, textOf: async (state: Uint8Array) => withMentionNames(c.var.db, await runHeavy('lexicalText', state)) } : undefined
  // Briefs keep their headings and lists: their structure is read on the worker thread too.
  const blocksOf = async (state: Uint8Array | Uint8Array[]) => blocksWithMentionNames(c.var.db, await runHeavy('lexicalBlocks', state))
  const report = await buildProgressReport(c.var.db, actor, resolved.query, taxonomy, resolved.asOf, resolved.sources, periodBriefs, blocksOf, language, c.var.deps.services.rollupFacts)
  // Rendering a PDF (charts included) or a DOCX takes seconds of CPU: on the worker thread.
  const portable = () => {
    const { themeLabel, ...rest } = report
    return { ...rest, themeLabels: Object.fromEntries(taxonomy.themes.map((t) => [t.id, themeLabel(t.id)])) }
  }
  const body =
    format === 'md'
      ? reportMarkdown(report)
      : format === 'csv'
        ? reportCsv(report)
        : await runHeavy(format === 'pdf' ? 'reportPdf' : 'reportDocx', portable())
  c.var.deps.logger.info({ userId: actor.id, from, to, format, language }, 'progress report generated')
  await audit(c, { action: 'report.generated', details: { from, to, format, language, hubs: report.hubs.length } })
  c.header('content-type', TYPES[format])
  c.header('content-language', language)
  c.header('content-disposition', `attachment; filename="hubwork-progress-${from}-${to}.${format}"`)
  c.header('cache-control', 'no-store')
  return c.body(typeof body === 'string' ? body : new Uint8Array(body))
})
