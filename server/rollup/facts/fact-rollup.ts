import { OPEN_ACTION_STATUSES } from '../../../shared/item-statuses.js'
import { GG_ACTION_KINDS } from '../../../shared/records.js'
import { CROSS_CUTTING, LINKED, dayNumber, dayString, type FactTable } from './fact-table.js'
import { DistinctTally, Tally } from './tally.js'

/** Whether an item of this hub, scope and flag may be counted (or listed) for the reader. */
export type RowTest = (hubId: string, scope: string, crossCutting: boolean) => boolean

/** What a roll-up asks of the facts. */
export interface FactQuery {
  from: string
  to: string
  /** A top-level theme (matches its sub-themes) or a sub-theme. */
  theme?: string
  /** The day overdue is counted to. */
  asOf: string
  /** The hubs reviewed: readable to the reader, in the region asked. */
  hubIds: readonly string[]
  /** The Member State embassies registered in those hubs. */
  embassies: readonly { hubId: string; code: string }[]
  /** Figures count every item of the hubs reviewed the reader may count… */
  counted: RowTest
  /** …lists name only what the reader may read. */
  listed: RowTest
  /** How many overdue actions to name. */
  overdueLimit: number
}

export interface PerKind {
  exchanges: number
  actions: number
}
export interface FactAggregates {
  matrix: ({ hubId: string; themeId: string } & PerKind)[]
  actionsByStatus: Map<string, number>
  /** Records each mission led or took part in, per `hubId/code`. */
  contributions: Map<string, number>
  hubOnly: Map<string, PerKind>
  crossCutting: { open: number; awaiting: number }
  /** Cross-cutting items awaiting input, longest waiting first. */
  awaiting: { id: string; hubId: string; requestedMs: number | null }[]
  /** Open actions past due: the first `overdueLimit`, longest overdue first (then by id)… */
  overdue: { id: string; hubId: string; due: string; status: string }[]
  /** …how many in all, and per hub. */
  overdueTotal: number
  overdueByHub: Map<string, number>
  forums: ({ id: string; hubs: number } & PerKind)[]
  partnerships: ({ id: string; hubs: number } & PerKind)[]
  /** Global Gateway actions: status counts per action kind. */
  ggKinds: Map<string, Map<string, number>>
  ggActions: { id: string; hubId: string }[]
  counterparts: { id: string; exchanges: number; hubs: number }[]
  /** Records per Member State among its registered hubs' items, and in how many hubs. */
  embassies: Map<string, { records: number; hubs: number }>
  escalation: Map<string, number>
}

/** Slots visited between yields to the event loop (≈ 1–2 ms of work). */
const SLICE = 16_384
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The roll-up's figures and lists over the facts, in one pass. What each counts is what the SQL
 * roll-up counted (tests/integration/rollup-facts.test.ts holds them equal): a record is active in
 * the period when it is not a thread over other entries and its active days meet the period;
 * counts per theme use top-level themes; cross-cutting figures are not limited to the period.
 */
export async function aggregateFacts(t: FactTable, q: FactQuery): Promise<FactAggregates> {
  const H = t.hubs.size
  const TH = t.themes.size
  const M = t.missions.size
  const W = t.words.size
  const word = (s: string) => t.words.find(s) ?? -1
  const EXCHANGE = word('exchange')
  const ACTION = word('action')
  const HUB_SCOPE = word('hub')
  const AWAITING = word('awaiting_input')
  const RESOLVED = word('resolved')
  const flagsOf = (values: readonly string[]) => {
    const f = new Uint8Array(W)
    for (const v of values) {
      const c = t.words.find(v)
      if (c !== undefined) f[c] = 1
    }
    return f
  }
  const openStatus = flagsOf(OPEN_ACTION_STATUSES)
  const ggKind = flagsOf(GG_ACTION_KINDS)

  const reviewed = new Uint8Array(H)
  for (const id of q.hubIds) {
    const c = t.hubs.find(id)
    if (c !== undefined) reviewed[c] = 1
  }
  const embassy = new Uint8Array(H * M)
  for (const e of q.embassies) {
    const h = t.hubs.find(e.hubId)
    const m = t.missions.find(e.code)
    if (h !== undefined && m !== undefined) embassy[h * M + m] = 1
  }
  // A theme filter: sub-themes are matched among `themes`, top-level ones among `topThemes`.
  const themeList = q.theme === undefined ? -1 : q.theme.includes('.') ? 0 : 1
  const themeCode = q.theme === undefined ? -1 : (t.themes.find(q.theme) ?? -2)
  const from = dayNumber(q.from)
  const to = dayNumber(q.to)
  const asOf = dayNumber(q.asOf)

  // Who may count or list an item depends on its hub, scope and flag only: decided once per triple.
  const ACCESS_KNOWN = 4
  const access = new Uint8Array(H * W * 2)
  const accessOf = (h: number, scope: number, cc: number) => {
    const cell = (h * W + scope) * 2 + cc
    let a = access[cell]
    if (a === 0) {
      const hubId = t.hubs.names[h]!
      const scopeName = t.words.names[scope] ?? ''
      a = ACCESS_KNOWN | (q.counted(hubId, scopeName, cc === 1) ? 1 : 0) | (q.listed(hubId, scopeName, cc === 1) ? 2 : 0)
      access[cell] = a
    }
    return a
  }

  const matrix = new Tally(H * TH * 2)
  const statuses = new Tally(W)
  const contributions = new Tally(H * M)
  const embassyRecords = new Tally(M)
  const embassyHubs = new DistinctTally(M, H)
  const hubOnly = new Tally(H * 2)
  const forums = new Tally(t.forums.size * 2)
  const forumHubs = new DistinctTally(t.forums.size, H)
  const partnerships = new Tally(t.partnerships.size * 2)
  const partnershipHubs = new DistinctTally(t.partnerships.size, H)
  const gg = new Tally(W * W)
  const counterparts = new Tally(t.counterparts.size)
  const counterpartHubs = new DistinctTally(t.counterparts.size, H)
  const escalation = new Tally(W)
  let crossOpen = 0
  let crossAwaiting = 0
  const overdue: number[] = []
  const awaiting: number[] = []
  const ggActions: number[] = []

  // Columns as locals, list bounds computed inline: this loop runs once per item.
  const { pool, hub, flags, scope, kind: kinds, activeFrom, activeTo, status: statusOf, actionKind, partnership, inputStatus, due, listStart, listLen } = t
  // A plain function per slice (no await inside the hot loop keeps it optimisable), the event loop between slices.
  const countSlots = (first: number, last: number) => {
  for (let s = first; s < last; s++) {
    const h = hub[s]
    if (h === 0 || reviewed[h] === 0) continue
    const cc = flags[s] & CROSS_CUTTING ? 1 : 0
    const a = accessOf(h, scope[s], cc)
    const counted = (a & 1) !== 0
    const listed = (a & 2) !== 0
    if (!counted && !listed) continue
    // The lists in LISTS order: themes, top themes, participants, forums, counterparts.
    const base = s * 5
    const themesAt = listStart[s]
    const topAt = themesAt + listLen[base]
    const participantsAt = topAt + listLen[base + 1]
    const forumsAt = participantsAt + listLen[base + 2]
    const counterpartsAt = forumsAt + listLen[base + 3]
    const listEnd = counterpartsAt + listLen[base + 4]
    if (themeList >= 0) {
      const start = themeList === 0 ? themesAt : topAt
      const end = themeList === 0 ? topAt : participantsAt
      let found = false
      for (let i = start; i < end && !found; i++) found = pool[i] === themeCode
      if (!found) continue
    }
    const kind = kinds[s]
    const k = kind === EXCHANGE ? 0 : kind === ACTION ? 1 : -1
    const active = (flags[s] & LINKED) === 0 && activeFrom[s] <= to && activeTo[s] >= from
    const status = statusOf[s]
    const isGg = kind === ACTION && ggKind[actionKind[s]] === 1

    if (counted && active) {
      if (k >= 0) for (let i = topAt; i < participantsAt; i++) matrix.add((h * TH + pool[i]) * 2 + k)
      if (kind === ACTION && status !== 0) statuses.add(status)
      for (let i = participantsAt; i < forumsAt; i++) {
        const m = pool[i]
        contributions.add(h * M + m)
        if (embassy[h * M + m] === 1) {
          embassyRecords.add(m)
          embassyHubs.see(m, h)
        }
      }
      if (k >= 0 && scope[s] === HUB_SCOPE) hubOnly.add(h * 2 + k)
      for (let i = forumsAt; i < counterpartsAt; i++) {
        if (k >= 0) forums.add(pool[i] * 2 + k)
        forumHubs.see(pool[i], h)
      }
      const p = partnership[s]
      if (p !== 0) {
        if (k >= 0) partnerships.add(p * 2 + k)
        partnershipHubs.see(p, h)
      }
      if (isGg && status !== 0) gg.add(actionKind[s] * W + status)
      if (kind === EXCHANGE) {
        for (let i = counterpartsAt; i < listEnd; i++) {
          counterparts.add(pool[i])
          counterpartHubs.see(pool[i], h)
        }
      }
    }
    if (counted && cc) {
      const input = inputStatus[s]
      if (input !== RESOLVED) crossOpen++
      if (input === AWAITING) crossAwaiting++
      escalation.add(t.escalation[s])
    }
    if (listed) {
      if (kind === ACTION && openStatus[status] === 1 && due[s] < asOf) overdue.push(s)
      if (cc && inputStatus[s] === AWAITING) awaiting.push(s)
      if (active && isGg) ggActions.push(s)
    }
  }
  }
  for (let first = 0; first < t.end; first += SLICE) {
    if (first > 0) await new Promise((resolve) => setImmediate(resolve))
    countSlots(first, Math.min(t.end, first + SLICE))
  }

  const id = (s: number) => t.ids[s]!
  const hubOf = (s: number) => t.hubs.names[t.hub[s]]!
  const perKind = (tally: Tally, code: number): PerKind => ({ exchanges: tally.get(code * 2), actions: tally.get(code * 2 + 1) })
  const codesIn = (tally: Tally, pairs: boolean) => {
    const seen = new Set<number>()
    for (const [cell] of tally.entries()) seen.add(pairs ? cell >> 1 : cell)
    return [...seen]
  }

  const matrixRows: FactAggregates['matrix'] = []
  for (const cell of codesIn(matrix, true)) {
    const h = Math.floor(cell / TH)
    matrixRows.push({ hubId: t.hubs.names[h]!, themeId: t.themes.names[cell % TH]!, ...perKind(matrix, cell) })
  }
  matrixRows.sort((x, y) => byText(x.hubId, y.hubId) || byText(x.themeId, y.themeId))

  const requested = (s: number) => (Number.isNaN(t.requested[s]) ? Infinity : t.requested[s])
  const overdueByHub = new Map<string, number>()
  for (const s of overdue) overdueByHub.set(hubOf(s), (overdueByHub.get(hubOf(s)) ?? 0) + 1)
  const firstOverdue = longestOverdue(t, overdue, q.overdueLimit)
  awaiting.sort((x, y) => requested(x) - requested(y) || byText(id(x), id(y)))
  ggActions.sort((x, y) => byText(hubOf(x), hubOf(y)) || byText(id(x), id(y)))

  // Code 0 (null) reads as 'none', like `coalesce(…, 'none')`: it adds to an explicit 'none'.
  const named = (tally: Tally, codes: { names: (string | null)[] }) => {
    const m = new Map<string, number>()
    for (const [c, n] of tally.entries()) m.set(codes.names[c] ?? 'none', (m.get(codes.names[c] ?? 'none') ?? 0) + n)
    return m
  }
  const ggKinds = new Map<string, Map<string, number>>()
  for (const [cell, n] of gg.entries()) {
    const kindName = t.words.names[Math.floor(cell / W)]!
    const byStatus = ggKinds.get(kindName) ?? ggKinds.set(kindName, new Map()).get(kindName)!
    byStatus.set(t.words.names[cell % W]!, n)
  }
  const contributionMap = new Map<string, number>()
  for (const [cell, n] of contributions.entries()) contributionMap.set(`${t.hubs.names[Math.floor(cell / M)]}/${t.missions.names[cell % M]}`, n)
  const hubOnlyMap = new Map<string, PerKind>()
  for (const h of codesIn(hubOnly, true)) hubOnlyMap.set(t.hubs.names[h]!, perKind(hubOnly, h))
  const embassyMap = new Map<string, { records: number; hubs: number }>()
  for (const [m, n] of embassyRecords.entries()) embassyMap.set(t.missions.names[m]!, { records: n, hubs: embassyHubs.get(m) })

  return {
    matrix: matrixRows,
    actionsByStatus: named(statuses, t.words),
    contributions: contributionMap,
    hubOnly: hubOnlyMap,
    crossCutting: { open: crossOpen, awaiting: crossAwaiting },
    awaiting: awaiting.map((s) => ({ id: id(s), hubId: hubOf(s), requestedMs: Number.isNaN(t.requested[s]) ? null : t.requested[s] })),
    overdue: firstOverdue.map((s) => ({ id: id(s), hubId: hubOf(s), due: dayString(t.due[s]), status: t.words.names[t.status[s]]! })),
    overdueTotal: overdue.length,
    overdueByHub,
    forums: [...forumHubs.counts.entries()]
      .map(([f]) => ({ id: t.forums.names[f]!, ...perKind(forums, f), hubs: forumHubs.get(f) }))
      .sort((x, y) => byText(x.id, y.id)),
    partnerships: [...partnershipHubs.counts.entries()]
      .map(([p]) => ({ id: t.partnerships.names[p]!, ...perKind(partnerships, p), hubs: partnershipHubs.get(p) }))
      .sort((x, y) => byText(x.id, y.id)),
    ggKinds,
    ggActions: ggActions.map((s) => ({ id: id(s), hubId: hubOf(s) })),
    counterparts: [...counterparts.entries()]
      .map(([c, n]) => ({ id: t.counterparts.names[c]!, exchanges: n, hubs: counterpartHubs.get(c) }))
      .sort((x, y) => byText(x.id, y.id)),
    embassies: embassyMap,
    escalation: named(escalation, t.words),
  }
}

/**
 * The `limit` slots of `overdue` due first (ties by id): only those whose due day is at most the
 * limit-th earliest are sorted, not tens of thousands for a page of a hundred.
 */
function longestOverdue(t: FactTable, overdue: number[], limit: number): number[] {
  let candidates = overdue
  if (limit < overdue.length) {
    const days = Int32Array.from(overdue, (s) => t.due[s]).sort()
    const last = days[Math.max(0, limit - 1)]
    candidates = overdue.filter((s) => t.due[s] <= last)
  }
  return candidates.sort((x, y) => t.due[x] - t.due[y] || byText(t.ids[x]!, t.ids[y]!)).slice(0, limit)
}
