import { loadTaxonomy } from '../taxonomy-file.js'
import type { Kysely } from 'kysely'
import type { BriefStatus } from '../../shared/schemas/periods.js'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import { readableBy } from '../db/read-scope.js'
import type { Rollup } from '../../shared/schemas/rollup.js'
import { termLabel, type Taxonomy } from '../../shared/taxonomy.js'
import { hubFigures, rollupTables, type HubFigures } from '../../shared/rollup-tables.js'
import { computeRollup, type RollupSources } from './rollup.js'

/** What the Council progress report says about one hub: the roll-up's figures and the brief. */
export interface HubSummary extends HubFigures {
  /** The start of the hub brief, as plain text: the brief submitted for the period when there is one. */
  briefExcerpt: string
  /** For a report of a reporting period: the hub's brief status in it (null for a report of free dates). */
  briefStatus: BriefStatus | null
}

/** A report of a reporting period quotes what each hub submitted for it, not the living brief. */
export interface PeriodBriefs {
  periodId: string
  /** Plain text of a stored brief state (the API runs it off the main thread). */
  textOf: (state: Uint8Array) => Promise<string>
}

export interface ProgressReport {
  title: string
  generatedAt: string
  rollup: Rollup
  hubs: HubSummary[]
  themeLabel: (id: string) => string
}

const EXCERPT = 600

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
): Promise<ProgressReport> {
  const rollup = await computeRollup(db, actor, period, now, sources)
  const submitted = periodBriefs ? await submittedBriefs(db, periodBriefs) : null
  const briefs = await db
    .selectFrom('doc_text')
    .select(['hub_id', 'text'])
    .where('kind', '=', 'brief')
    .where(readableBy(actor, 'docs'))
    .execute()
  const briefOf = new Map(briefs.map((b) => [b.hub_id, b.text]))
  const themeLabel = (id: string) => termLabel(taxonomy.themes, id)
  const hubs = hubFigures(rollup, themeLabel).map((h): HubSummary => {
    // The brief's first line is its title (the hub's name): the excerpt starts after it.
    const mine = submitted?.get(h.hubId)
    const source = submitted ? (mine?.text ?? '') : (briefOf.get(h.hubId) ?? '')
    const text = source.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim()
    return {
      ...h,
      briefExcerpt: text.length > EXCERPT ? text.slice(0, EXCERPT).replace(/\s\S*$/, '') + ' …' : text,
      briefStatus: submitted ? (mine?.status ?? 'draft') : null,
    }
  })
  return {
    title: `Digital hubs progress report, ${period.from} to ${period.to}`,
    generatedAt: now.toISOString(),
    rollup,
    hubs,
    themeLabel,
  }
}

/** Each hub's brief for a period, with the text of what it submitted. */
async function submittedBriefs(db: Kysely<Database>, p: PeriodBriefs): Promise<Map<string, { status: BriefStatus; text: string }>> {
  const rows = await db
    .selectFrom('brief_submissions as b')
    .innerJoin('doc_versions as v', 'v.id', 'b.version_id')
    .select(['b.hub_id', 'b.status', 'v.state'])
    .where('b.period_id', '=', p.periodId)
    .execute()
  const out = new Map<string, { status: BriefStatus; text: string }>()
  for (const r of rows) out.set(r.hub_id, { status: r.status, text: await p.textOf(new Uint8Array(r.state)) })
  return out
}

/** The words a report uses for a brief status. */
export const BRIEF_STATUS_LABELS: Record<BriefStatus, string> = {
  draft: 'not submitted',
  submitted: 'submitted, awaiting HQ',
  returned: 'returned by HQ',
  acknowledged: 'acknowledged by HQ',
}

/** The figures every format carries, as rows: the report's numbers equal the dashboard's. */
export function reportTables(r: ProgressReport) {
  const taxonomy = loadTaxonomy()
  const t = rollupTables(r.rollup, {
    themeLabel: r.themeLabel,
    forumLabel: (id) => termLabel(taxonomy.forums, id),
    partnershipLabel: (id) => taxonomy.partnerships.find((p) => p.id === id)?.label ?? id,
  })
  // The order is the order of the sections in the CSV.
  return {
    hubs: t.hubs, matrix: t.matrix, status: t.status, overdue: t.overdue, crossCutting: t.crossCutting,
    forums: t.forums, partnerships: t.partnerships, globalGatewayByKind: t.globalGatewayByKind, globalGateway: t.globalGateway,
    counterparts: t.counterparts, memberStates: t.memberStates, escalation: t.escalation,
  }
}
