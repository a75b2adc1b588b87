import type { Rollup } from './schemas/rollup.js'
import { ACTION_KIND_LABELS, COUNTERPART_LABELS, ESCALATION_LABELS, type ActionKind, type Counterpart, type Escalation } from './records.js'

/**
 * The roll-up's figures as tables (columns and rows), defined once for the dashboard (its tables
 * and CSV downloads) and the progress report (Markdown, CSV, DOCX, PDF), so that a figure in the
 * report is the figure on the screen.
 */

/** A titled table of figures; every format renders it as it can. */
export interface FigureTable {
  title: string
  columns: string[]
  rows: (string | number)[][]
}

/** How ids read in the tables. */
export interface TableLabels {
  themeLabel: (id: string) => string
  /** Action statuses; the report shows the status keys, the dashboard its labels. */
  statusLabel?: (status: string) => string
  /** Forums and partnerships by name (ids when absent). */
  forumLabel?: (id: string) => string
  partnershipLabel?: (id: string) => string
}

/** What the roll-up says about one hub in the period. */
export interface HubFigures {
  hubId: string
  name: string
  countryName: string
  region: string
  exchanges: number
  actions: number
  /** The three themes with the most records, as labels. */
  topThemes: string[]
  registered: string[]
  engaged: string[]
  focalPoint: string | null
  overdue: number
  awaiting: number
}

/** A hub's name as the tables show it: its country. */
export function hubNameIn(rollup: Rollup): (hubId: string) => string {
  return (id) => rollup.hubs.find((h) => h.id === id)?.countryName ?? id
}

/** Per-hub figures, in the roll-up's hub order. */
export function hubFigures(rollup: Rollup, themeLabel: (id: string) => string): HubFigures[] {
  return rollup.hubs.map((h) => {
    const cells = rollup.matrix.filter((m) => m.hubId === h.id)
    const p = rollup.participation.find((x) => x.hubId === h.id)
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
      overdue: h.overdue,
      awaiting: rollup.crossCutting.awaiting.filter((a) => a.hubId === h.id || a.relatedHubs.includes(h.id)).length,
    }
  })
}

/** Every table of the roll-up. */
export function rollupTables(rollup: Rollup, labels: TableLabels) {
  const hubName = hubNameIn(rollup)
  const { themeLabel, statusLabel = (s: string) => s } = labels
  const hubs: FigureTable = {
    title: 'Hubs',
    columns: ['Hub', 'Region', 'Exchanges', 'Actions', 'Member States registered', 'Member States engaged', 'Digital focal point', 'Overdue actions', 'Awaiting cyber input'],
    rows: hubFigures(rollup, themeLabel).map((h) => [h.countryName, h.region, h.exchanges, h.actions, h.registered.length, h.engaged.length, h.focalPoint ?? 'none', h.overdue, h.awaiting]),
  }
  const matrix: FigureTable = {
    title: 'Activity by theme and hub',
    columns: ['Theme', 'Hub', 'Exchanges', 'Actions'],
    rows: rollup.matrix.map((m) => [themeLabel(m.themeId), hubName(m.hubId), m.exchanges, m.actions]),
  }
  const status: FigureTable = {
    title: 'Actions by status',
    columns: ['Status', 'Actions'],
    rows: Object.entries(rollup.actionsByStatus).map(([s, n]) => [statusLabel(s), n]),
  }
  const participation: FigureTable = {
    title: 'Team Europe participation',
    columns: ['Hub', 'Mission', 'Records led or taken part in'],
    rows: rollup.participation.flatMap((p) => p.missions.map((m) => [hubName(p.hubId), m.mission, m.contributions])),
  }
  const overdue: FigureTable = {
    title: 'Overdue actions',
    columns: ['Hub', 'Action', 'Lead', 'Due', 'Days overdue'],
    rows: rollup.overdue.map((o) => [hubName(o.hubId), o.title, o.leadMission ?? '', o.due, o.daysOverdue]),
  }
  const crossCutting: FigureTable = {
    title: 'Cross-cutting items awaiting input from the cyber ambassadors',
    columns: ['Hub', 'Other hubs', 'Item', 'Requested', 'Days waiting'],
    rows: rollup.crossCutting.awaiting.map((a) => [hubName(a.hubId), a.relatedHubs.map(hubName).join(', '), a.title, a.requestedAt.slice(0, 10), a.daysWaiting]),
  }
  return { hubs, matrix, status, participation, overdue, crossCutting, ...recordTables(rollup, labels) }
}

/** Questions 6–10 and escalations as tables, for the dashboard and the report alike. */
export function recordTables(rollup: Rollup, labels: TableLabels) {
  const hubName = hubNameIn(rollup)
  const { forumLabel = (id: string) => id, partnershipLabel = (id: string) => id, statusLabel = (s: string) => s } = labels
  const r = rollup.records
  const forums: FigureTable = {
    title: 'Forum coordination',
    columns: ['Forum', 'Exchanges', 'Actions', 'Hubs'],
    // A sub-forum's row sits under its parent, whose figures include it.
    rows: r.forums.map((f) => [f.parent ? `↳ ${forumLabel(f.forumId)}` : forumLabel(f.forumId), f.exchanges, f.actions, f.hubs]),
  }
  const partnerships: FigureTable = {
    title: 'Partnerships and dialogues',
    columns: ['Partnership or dialogue', 'Exchanges', 'Actions', 'Hubs'],
    rows: r.partnerships.map((p) => [partnershipLabel(p.partnershipId), p.exchanges, p.actions, p.hubs]),
  }
  const globalGateway: FigureTable = {
    title: 'Global Gateway and Tech Business Offer actions',
    columns: ['Hub', 'Action', 'Kind', 'Project', 'Status', 'Outcome or obstacle'],
    rows: r.globalGateway.actions.map((a) => [hubName(a.hubId), a.title, ACTION_KIND_LABELS[a.actionKind as ActionKind] ?? a.actionKind, a.ggProject ?? '', a.status ? statusLabel(a.status) : '', a.obstacle ?? '']),
  }
  const globalGatewayByKind: FigureTable = {
    title: 'Global Gateway and Tech Business Offer actions by status',
    columns: ['Kind', 'Planned', 'In progress', 'Done', 'Dropped'],
    rows: r.globalGateway.byKind.map((k) => [ACTION_KIND_LABELS[k.actionKind as ActionKind] ?? k.actionKind, k.planned, k.in_progress, k.done, k.dropped]),
  }
  const counterparts: FigureTable = {
    title: 'Engagement by counterpart type',
    columns: ['Counterpart', 'Exchanges', 'Hubs'],
    rows: r.counterparts.map((c) => [COUNTERPART_LABELS[c.counterpart as Counterpart] ?? c.counterpart, c.exchanges, c.hubs]),
  }
  const memberStates: FigureTable = {
    title: 'Member State contributions across all hubs',
    columns: ['Member State', 'Hubs registered in', 'Hubs active in', 'Records led or taken part in'],
    rows: r.memberStates.map((m) => [m.mission, m.registeredHubs, m.activeHubs, m.records]),
  }
  const escalation: FigureTable = {
    title: 'Escalation of cross-cutting items',
    columns: ['Escalated to', 'Items'],
    rows: Object.entries(r.escalation).map(([e, n]) => [ESCALATION_LABELS[e as Escalation] ?? e, n]),
  }
  return { forums, partnerships, globalGateway, globalGatewayByKind, counterparts, memberStates, escalation }
}

/**
 * The theme × hub grid the dashboard shows: top themes that have records, by label, and the
 * records (exchanges and actions) of each cell.
 */
export function activityGrid(rollup: Rollup, themeLabel: (id: string) => string) {
  const themes = [...new Set(rollup.matrix.map((m) => m.themeId))].sort((a, b) => themeLabel(a).localeCompare(themeLabel(b)))
  const records = (hubId: string, themeId: string) => {
    const cell = rollup.matrix.find((m) => m.hubId === hubId && m.themeId === themeId)
    return cell ? cell.exchanges + cell.actions : 0
  }
  return { themes, records }
}
