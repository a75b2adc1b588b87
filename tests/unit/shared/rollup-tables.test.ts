import { describe, expect, it } from 'vitest'
import { activityGrid, hubFigures, rollupTables } from '../../../shared/rollup-tables.js'
import type { Rollup } from '../../../shared/schemas/rollup.js'

const rollup: Rollup = {
  from: '2026-01-01',
  to: '2026-06-30',
  asOf: '2026-05-01',
  hubs: [
    { id: 'ke', name: 'Kenya hub', country: 'KE', countryName: 'Kenya', region: 'Africa', focalPoint: 'Fay Focal', hubOnly: { exchanges: 0, actions: 0 }, overdue: 1 },
    { id: 'br', name: 'Brazil hub', country: 'BR', countryName: 'Brazil', region: 'Americas', focalPoint: null, hubOnly: { exchanges: 0, actions: 0 }, overdue: 0 },
  ],
  matrix: [
    { hubId: 'ke', themeId: 'gov', exchanges: 2, actions: 1 },
    { hubId: 'ke', themeId: 'con', exchanges: 0, actions: 4 },
    { hubId: 'br', themeId: 'gov', exchanges: 1, actions: 0 },
  ],
  actionsByStatus: { planned: 1, in_progress: 3, done: 1, dropped: 0 },
  overdue: [{ itemId: 'a1', hubId: 'ke', title: 'Draft, "the" plan', leadMission: null, due: '2026-04-01', daysOverdue: 30, status: 'planned' }],
  overdueTotal: 1,
  participation: [
    { hubId: 'ke', missions: [{ mission: 'EU', contributions: 3 }, { mission: 'DE', contributions: 2 }], registeredMemberStates: ['DE', 'FR'], engagedMemberStates: ['DE'], euOnly: false },
    { hubId: 'br', missions: [{ mission: 'EU', contributions: 1 }], registeredMemberStates: [], engagedMemberStates: [], euOnly: true },
  ],
  crossCutting: {
    open: 2,
    awaitingComment: 1,
    awaiting: [{ itemId: 'x1', hubId: 'br', relatedHubs: ['ke', 'zz'], title: 'Shared cable', requestedAt: '2026-04-20T10:00:00.000Z', daysWaiting: 11 }],
  },
  focalPoints: [
    { hubId: 'ke', hasFocalPoint: true, name: 'Fay Focal', trained: true, trainedOn: '2026-03-02' },
    { hubId: 'br', hasFocalPoint: false, name: null, trained: false, trainedOn: null },
  ],
  records: {
    forums: [{ forumId: 'igf', exchanges: 1, actions: 2, hubs: 2 }],
    partnerships: [{ partnershipId: 'dp-japan', exchanges: 2, actions: 1, hubs: 1 }],
    globalGateway: {
      byKind: [{ actionKind: 'gg_project_support', planned: 1, in_progress: 0, done: 1, dropped: 1 }],
      actions: [{ itemId: 'ke:action:a1', hubId: 'ke', title: 'Cable study', actionKind: 'gg_project_support', ggProject: 'gg-x', status: 'dropped', obstacle: 'No local partner' }],
    },
    counterparts: [{ counterpart: 'industry', exchanges: 3, hubs: 2 }],
    memberStates: [{ mission: 'DE', registeredHubs: 2, activeHubs: 1, records: 4 }],
    escalation: { none: 1, digital_diplomacy_network: 0, cyber_ambassadors_network: 1, psc: 0 },
  },
}

const themeLabel = (id: string) => ({ gov: 'Governance', con: 'Connectivity' })[id] ?? id

describe('rollup-tables', () => {
  it('turns the roll-up into titled tables, hub ids into country names', () => {
    const t = rollupTables(rollup, { themeLabel })
    expect(t.matrix.columns).toEqual(['Theme', 'Hub', 'Exchanges', 'Actions'])
    expect(t.matrix.rows).toEqual([
      ['Governance', 'Kenya', 2, 1],
      ['Connectivity', 'Kenya', 0, 4],
      ['Governance', 'Brazil', 1, 0],
    ])
    expect(t.participation.rows).toEqual([
      ['Kenya', 'EU', 3],
      ['Kenya', 'DE', 2],
      ['Brazil', 'EU', 1],
    ])
    expect(t.overdue.rows).toEqual([['Kenya', 'Draft, "the" plan', '', '2026-04-01', 30]])
    // An unknown hub keeps its id rather than vanishing.
    expect(t.crossCutting.rows).toEqual([['Brazil', 'Kenya, zz', 'Shared cable', '2026-04-20', 11]])
    expect(t.hubs.rows).toEqual([
      ['Kenya', 'Africa', 2, 5, 2, 1, 'Fay Focal', 1, 1],
      ['Brazil', 'Americas', 1, 0, 0, 0, 'none', 0, 1],
    ])
  })

  it('shows status keys unless given labels', () => {
    expect(rollupTables(rollup, { themeLabel }).status.rows[1]).toEqual(['in_progress', 3])
    expect(rollupTables(rollup, { themeLabel, statusLabel: (s) => s.toUpperCase() }).status.rows[1]).toEqual(['IN_PROGRESS', 3])
  })

  it('ranks a hub’s top themes by records', () => {
    expect(hubFigures(rollup, themeLabel)[0].topThemes).toEqual(['Connectivity', 'Governance'])
  })

  it('lays out the theme × hub grid by theme label, empty cells as 0', () => {
    const grid = activityGrid(rollup, themeLabel)
    expect(grid.themes).toEqual(['con', 'gov'])
    expect(grid.records('ke', 'gov')).toBe(3)
    expect(grid.records('br', 'con')).toBe(0)
  })
})
