import { loadTaxonomy } from '../taxonomy-file.js'
import type { Kysely } from 'kysely'
import type { BriefStatus } from '../../shared/schemas/periods.js'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import { readableBy } from '../db/read-scope.js'
import type { Rollup } from '../../shared/schemas/rollup.js'
import { termLabelIn, type Taxonomy } from '../../shared/taxonomy.js'
import { hubFigures, rollupTables, type HubFigures } from '../../shared/rollup-tables.js'
import { computeRollup, type RollupSources } from './rollup.js'
import type { LiveFacts } from './facts/live-facts.js'
import type { DocBlock } from '../editor/doc-blocks.js'
import { firstBlocks } from '../editor/doc-blocks.js'
import { readDocParts } from '../db/update-store.js'
import { briefDocName } from '../../shared/doc-names.js'
import { focalPointTraining } from '../../shared/focal-points.js'
import { labelOf, reportLabels, type ReportLabels } from './report-labels.js'
import { reportWords, type ReportLanguage, type ReportWords, type TableKey } from './report-words.js'

/** What the Council progress report says about one hub: the roll-up's figures and the brief. */
export interface HubSummary extends HubFigures {
  /** The start of the hub brief, as plain text: the brief submitted for the period when there is one. */
  briefExcerpt: string
  /** For a report of a reporting period: the hub's brief status in it (null for a report of free dates). */
  briefStatus: BriefStatus | null
  /** The start of the same brief with its headings and lists (empty when no structure was read). */
  brief: DocBlock[]
}

/** A report of a reporting period quotes what each hub submitted for it, not the living brief. */
export interface PeriodBriefs {
  periodId: string
  /** Plain text of a stored brief state (the API runs it off the main thread). */
  textOf: (state: Uint8Array) => Promise<string>
}

/** Reads a brief's blocks from its stored state or unmerged parts (the API runs it on the worker thread). */
export type BlocksOf = (state: Uint8Array | Uint8Array[]) => Promise<DocBlock[]>

export interface ProgressReport {
  /** The language of the report's own words (record content stays as written); English when absent. */
  language?: ReportLanguage
  title: string
  generatedAt: string
  rollup: Rollup
  hubs: HubSummary[]
  themeLabel: (id: string) => string
  /** Regions and statuses by label (plain data: it crosses to the worker thread). */
  labels: ReportLabels
}

const EXCERPT = 600
/** How much of each brief, with its structure, the report quotes. */
const BRIEF_CHARS = 1_500

/**
 * The periodic progress report: the roll-up of the period (the very figures of the
 * dashboard: one function computes both) plus a summary and brief excerpt per hub.
 */
export async function buildProgressReport(
  db: Kysely<Database>,
  actor: Actor,
  period: { from: string; to: string; region?: string; theme?: string },
  taxonomy: Taxonomy,
  now = new Date(),
  /** The items to count and focal points to name (a locked period's frozen copies, or live). */
  sources?: RollupSources,
  periodBriefs?: PeriodBriefs,
  blocksOf?: BlocksOf,
  language: ReportLanguage = 'en',
  /** The server's live facts (server/rollup/facts/live-facts.ts); without them they are read for this report. */
  facts?: LiveFacts,
): Promise<ProgressReport> {
  const w = reportWords(language)
  // The report names every overdue action, not the dashboard's first page.
  const rollup = await computeRollup(db, actor, period, now, sources, { facts, overdueLimit: Number.POSITIVE_INFINITY })
  const submitted = periodBriefs ? await submittedBriefs(db, periodBriefs, blocksOf) : null
  const briefs = await db
    .selectFrom('doc_text')
    .select(['hub_id', 'text'])
    .where('kind', '=', 'brief')
    .where(readableBy(actor, 'docs'))
    .execute()
  const briefOf = new Map(briefs.map((b) => [b.hub_id, b.text]))
  const themeLabel = (id: string) => termLabelIn(taxonomy.themes, id, w.language)
  // The living brief's structure, for the hubs whose brief text the actor may read.
  const liveBlocks = new Map<string, DocBlock[]>()
  if (blocksOf && !submitted) {
    for (const h of rollup.hubs) {
      if (!briefOf.has(h.id)) continue
      const parts = await readDocParts(db, briefDocName(h.id))
      if (parts.length) liveBlocks.set(h.id, await blocksOf(parts))
    }
  }
  const hubs = hubFigures(rollup, themeLabel).map((h): HubSummary => {
    // The brief's first line is its title (the hub's name): the excerpt starts after it.
    const mine = submitted?.get(h.hubId)
    const source = submitted ? (mine?.text ?? '') : (briefOf.get(h.hubId) ?? '')
    const text = source.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim()
    return {
      ...h,
      briefExcerpt: text.length > EXCERPT ? text.slice(0, EXCERPT).replace(/\s\S*$/, '') + ' …' : text,
      briefStatus: submitted ? (mine?.status ?? 'draft') : null,
      brief: briefQuote(submitted ? (mine?.blocks ?? []) : (liveBlocks.get(h.hubId) ?? [])),
    }
  })
  return {
    language: w.language,
    title: w.t('report.title', { from: w.day(period.from), to: w.day(period.to) }),
    generatedAt: now.toISOString(),
    rollup,
    hubs,
    themeLabel,
    labels: reportLabels(w.language),
  }
}

/** The brief's first block is its title (the hub's name, as a heading): the quote starts after it. */
function briefQuote(blocks: DocBlock[]): DocBlock[] {
  const body = blocks[0]?.type === 'h1' ? blocks.slice(1) : blocks
  return firstBlocks(body, BRIEF_CHARS)
}

/** Each hub's brief for a period, with the text of what it submitted. */
async function submittedBriefs(db: Kysely<Database>, p: PeriodBriefs, blocksOf?: BlocksOf): Promise<Map<string, { status: BriefStatus; text: string; blocks: DocBlock[] }>> {
  const rows = await db
    .selectFrom('brief_submissions as b')
    .innerJoin('doc_versions as v', 'v.id', 'b.version_id')
    .select(['b.hub_id', 'b.status', 'v.state'])
    .where('b.period_id', '=', p.periodId)
    .execute()
  const out = new Map<string, { status: BriefStatus; text: string; blocks: DocBlock[] }>()
  for (const r of rows) {
    const state = new Uint8Array(r.state)
    out.set(r.hub_id, { status: r.status, text: await p.textOf(state), blocks: blocksOf ? await blocksOf(state) : [] })
  }
  return out
}

/** The words a report uses for a brief status (English; `briefStatusLine` says it in the report's language). */
export const BRIEF_STATUS_LABELS: Record<BriefStatus, string> = {
  draft: 'not submitted',
  submitted: 'submitted, awaiting HQ',
  returned: 'returned by HQ',
  acknowledged: 'acknowledged by HQ',
}

/** The words of the report's own language. */
export const wordsOf = (r: Pick<ProgressReport, 'language'>): ReportWords => reportWords(r.language)

/** "Brief for the period: submitted, awaiting HQ." in the report's language. */
export function briefStatusLine(r: ProgressReport, status: BriefStatus): string {
  const w = wordsOf(r)
  return w.t('report.hub.briefStatus', { status: w.t(`report.briefStatus.${status}`) })
}

/** A hub's figures in one sentence, in the report's language. */
export function hubFiguresLine(r: ProgressReport, h: HubSummary): string {
  const w = wordsOf(r)
  const none = w.t('report.none')
  return w.t('report.hub.figures', {
    // Numbers for the French plurals; English keeps the digits as they were ("1234", not "1,234").
    exchanges: w.language === 'en' ? String(h.exchanges) : h.exchanges,
    actions: w.language === 'en' ? String(h.actions) : h.actions,
    themes: h.topThemes.join(', ') || none,
    engaged: h.engaged.join(', ') || none,
    registered: h.registered.join(', ') || none,
    focalPoint: h.focalPoint ?? none,
  })
}

/** The line under the title: when it was generated and to which day overdue times are counted. */
export function generatedLine(r: ProgressReport, form: 'md' | 'document' = 'document'): string {
  const w = wordsOf(r)
  return w.t(form === 'md' ? 'report.generated.md' : 'report.generated', { at: w.at(r.generatedAt), asOf: w.day(r.rollup.asOf) })
}

/** The figures every format carries, as rows: the report's numbers equal the dashboard's. */
export function reportTables(r: ProgressReport, opts: { ids?: boolean } = {}) {
  const taxonomy = loadTaxonomy()
  const w = wordsOf(r)
  const records = {
    forumLabel: (id: string) => termLabelIn(taxonomy.forums, id, w.language),
    partnershipLabel: (id: string) => taxonomy.partnerships.find((p) => p.id === id)?.label ?? id,
  }
  // The CSV is data for other tools: it keeps status and region ids. Every document names them.
  const t = opts.ids
    ? rollupTables(r.rollup, { themeLabel: r.themeLabel, ...records })
    : rollupTables(r.rollup, { themeLabel: r.themeLabel, statusLabel: (s) => labelOf(r.labels.statuses, s), ...records })
  // Regions by name, not id (the hubs table's second column).
  const hubs = opts.ids ? t.hubs : { ...t.hubs, rows: t.hubs.rows.map(([hub, region, ...rest]) => [hub, labelOf(r.labels.regions, String(region)), ...rest]) }
  // The order is the order of the sections in the CSV; each in the report's language.
  const tables = {
    hubs, matrix: t.matrix, status: t.status, overdue: t.overdue, crossCutting: t.crossCutting,
    forums: t.forums, partnerships: t.partnerships, globalGatewayByKind: t.globalGatewayByKind, globalGateway: t.globalGateway,
    counterparts: t.counterparts, memberStates: t.memberStates, escalation: t.escalation,
  }
  return Object.fromEntries(Object.entries(tables).map(([key, tbl]) => [key, w.table(key as TableKey, tbl, opts.ids)])) as typeof tables
}

/** The summary every format opens with: totals and who needs attention. */
export function reportSummary(r: ProgressReport): string[] {
  const hubName = (id: string) => r.rollup.hubs.find((h) => h.id === id)?.countryName ?? id
  const cc = r.rollup.crossCutting
  const exchanges = r.hubs.reduce((n, h) => n + h.exchanges, 0)
  const actions = Object.values(r.rollup.actionsByStatus).reduce((a, b) => a + b, 0)
  const w = wordsOf(r)
  const none = w.t('report.none')
  const names = (ids: string[]) => ids.map(hubName).join(', ') || none
  const training = focalPointTraining(r.rollup)
  const n = w.number
  const gap = (g: (typeof training.gaps)[number]) => (g.reason === 'none' ? w.t('report.gap.none', { hub: hubName(g.hubId) }) : w.t('report.gap.untrained', { hub: hubName(g.hubId), name: g.name }))
  return [
    w.t('report.summary.totals', { exchanges: n(exchanges), actions: n(actions) }),
    w.t('report.summary.overdue', { overdue: n(r.rollup.overdueTotal), open: n(cc.open), awaiting: n(cc.awaitingComment) }),
    w.t('report.summary.noFocalPoint', { hubs: names(r.rollup.focalPoints.filter((f) => !f.hasFocalPoint).map((f) => f.hubId)) }),
    w.t('report.summary.training', { line: w.t('report.training.line', { trained: n(training.trained), total: n(training.total) }), gaps: training.gaps.map(gap).join('; ') || none }),
    w.t('report.summary.euOnly', { hubs: names(r.rollup.participation.filter((p) => p.euOnly).map((p) => p.hubId)) }),
  ]
}

/** "Hubs covered (2): Nigeria, Kenya." */
export function hubsCovered(r: ProgressReport): string {
  const w = wordsOf(r)
  return w.t('report.hubsCovered', { count: w.number(r.hubs.length), hubs: r.hubs.map((h) => h.countryName).join(', ') || w.t('report.none') })
}
