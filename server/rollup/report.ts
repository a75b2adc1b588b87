import type { Kysely, RawBuilder } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import { readableBy } from '../db/read-scope.js'
import type { Rollup } from '../../shared/schemas/rollup.js'
import { termLabel, type Taxonomy } from '../../shared/taxonomy.js'
import { hubFigures, rollupTables, type HubFigures } from '../../shared/rollup-tables.js'
import { computeRollup } from './rollup.js'

/** What the Council progress report says about one hub: the roll-up's figures and the brief. */
export interface HubSummary extends HubFigures {
  /** The start of the hub brief, as plain text. */
  briefExcerpt: string
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
  /** The items to count (a locked period's frozen copy, or the live projection). */
  source?: RawBuilder<unknown>,
): Promise<ProgressReport> {
  const rollup = await computeRollup(db, actor, period, now, source)
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
    const text = (briefOf.get(h.hubId) ?? '').split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim()
    return { ...h, briefExcerpt: text.length > EXCERPT ? text.slice(0, EXCERPT).replace(/\s\S*$/, '') + ' …' : text }
  })
  return {
    title: `Digital hubs progress report, ${period.from} to ${period.to}`,
    generatedAt: now.toISOString(),
    rollup,
    hubs,
    themeLabel,
  }
}

/** The figures every format carries, as rows: the report's numbers equal the dashboard's. */
export function reportTables(r: ProgressReport) {
  const t = rollupTables(r.rollup, { themeLabel: r.themeLabel })
  // The order is the order of the sections in the CSV.
  return { hubs: t.hubs, matrix: t.matrix, status: t.status, overdue: t.overdue, crossCutting: t.crossCutting }
}
