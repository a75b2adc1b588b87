import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../../shared/access.js'
import { readableBy } from '../db/read-scope.js'
import type { Rollup } from '../../shared/schemas/rollup.js'
import { termLabel, type Taxonomy } from '../../shared/taxonomy.js'
import { computeRollup } from './rollup.js'

/** What the Council progress report says about one hub. */
export interface HubSummary {
  hubId: string
  name: string
  countryName: string
  region: string
  exchanges: number
  actions: number
  topThemes: string[]
  registered: string[]
  engaged: string[]
  focalPoint: string | null
  overdue: number
  awaiting: number
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
): Promise<ProgressReport> {
  const rollup = await computeRollup(db, actor, period, now)
  const briefs = await db
    .selectFrom('doc_text')
    .select(['hub_id', 'text'])
    .where('kind', '=', 'brief')
    .where(readableBy(actor, 'docs'))
    .execute()
  const briefOf = new Map(briefs.map((b) => [b.hub_id, b.text]))
  const themeLabel = (id: string) => termLabel(taxonomy.themes, id)
  const hubs = rollup.hubs.map((h): HubSummary => {
    const cells = rollup.matrix.filter((m) => m.hubId === h.id)
    const p = rollup.participation.find((x) => x.hubId === h.id)
    // The brief's first line is its title (the hub's name): the excerpt starts after it.
    const text = (briefOf.get(h.id) ?? '').split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim()
    return {
      hubId: h.id,
      name: h.name,
      countryName: h.countryName,
      region: h.region,
      exchanges: cells.reduce((n, c) => n + c.exchanges, 0),
      actions: cells.reduce((n, c) => n + c.actions, 0),
      topThemes: [...cells].sort((a, b) => b.exchanges + b.actions - (a.exchanges + a.actions)).slice(0, 3).map((c) => themeLabel(c.themeId)),
      registered: p?.registeredMemberStates ?? [],
      engaged: p?.engagedMemberStates ?? [],
      focalPoint: h.focalPoint,
      overdue: rollup.overdue.filter((o) => o.hubId === h.id).length,
      awaiting: rollup.crossCutting.awaiting.filter((a) => a.hubId === h.id || a.relatedHubs.includes(h.id)).length,
      briefExcerpt: text.length > EXCERPT ? text.slice(0, EXCERPT).replace(/\s\S*$/, '') + ' …' : text,
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

/** The figures every format carries, as rows: the report's numbers equal the dashboard's. */
export function reportTables(r: ProgressReport) {
  const hubName = (id: string) => r.rollup.hubs.find((h) => h.id === id)?.countryName ?? id
  return {
    hubs: {
      title: 'Hubs',
      columns: ['Hub', 'Region', 'Exchanges', 'Actions', 'Member States registered', 'Member States engaged', 'Digital focal point', 'Overdue actions', 'Awaiting cyber input'],
      rows: r.hubs.map((h) => [h.countryName, h.region, h.exchanges, h.actions, h.registered.length, h.engaged.length, h.focalPoint ?? 'none', h.overdue, h.awaiting]),
    },
    matrix: {
      title: 'Activity by theme and hub',
      columns: ['Theme', 'Hub', 'Exchanges', 'Actions'],
      rows: r.rollup.matrix.map((m) => [r.themeLabel(m.themeId), hubName(m.hubId), m.exchanges, m.actions]),
    },
    status: {
      title: 'Actions by status',
      columns: ['Status', 'Actions'],
      rows: Object.entries(r.rollup.actionsByStatus).map(([s, n]) => [s, n]),
    },
    overdue: {
      title: 'Overdue actions',
      columns: ['Hub', 'Action', 'Lead', 'Due', 'Days overdue'],
      rows: r.rollup.overdue.map((o) => [hubName(o.hubId), o.title, o.leadMission ?? '', o.due, o.daysOverdue]),
    },
    crossCutting: {
      title: 'Cross-cutting items awaiting input from the cyber ambassadors',
      columns: ['Hub', 'Other hubs', 'Item', 'Requested', 'Days waiting'],
      rows: r.rollup.crossCutting.awaiting.map((a) => [hubName(a.hubId), a.relatedHubs.map(hubName).join(', '), a.title, a.requestedAt.slice(0, 10), a.daysWaiting]),
    },
  }
}

export type ReportTable = ReturnType<typeof reportTables>[keyof ReturnType<typeof reportTables>]
