import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { loadDemoFiles } from '../../../seeds/demo-files.js'
import { demoDocs } from '../../../seeds/demo-content.js'
import { DEMO_AS_OF, demoShiftDays, shiftDate, shiftToInstant } from '../../../seeds/demo-dates.js'
import { readActions, readExchanges } from '../../../shared/log-doc.js'
import { taxonomyFromFile } from '../../../shared/taxonomy-file.js'
import { lexicalDocToText } from '../../../server/editor/headless.js'

const { accounts, data } = loadDemoFiles()
const taxonomy = taxonomyFromFile(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../seeds/taxonomy.json'), 'utf8')))

describe('demo data files', () => {
  it('users.json has an account of every role, hubs with staff of the EU delegation and of embassies', () => {
    expect(accounts).toHaveLength(62)
    for (const role of ['hq', 'cyber', 'admin'] as const) expect(accounts.some((a) => a.role === role), role).toBe(true)
    expect(accounts.find((a) => a.email === 'admin@demo.example')).toMatchObject({ role: 'admin', memberships: [] })
    const staffOf = (hubId: string) => accounts.filter((a) => a.role === 'staff' && a.memberships.some((m) => m.hubId === hubId))
    const richHubs = data.hubs.filter((h) => {
      const missions = new Set(staffOf(h.id).map((a) => a.memberships.find((m) => m.hubId === h.id)!.mission))
      return missions.has('EU') && missions.size >= 2
    })
    expect(richHubs.length).toBeGreaterThanOrEqual(2)
    for (const a of accounts) expect(a.role === 'staff').toBe(a.memberships.length > 0)
  })

  it('hubs.json keeps the source ids and counts', () => {
    expect(data.meta.demoAsOf).toBe(DEMO_AS_OF)
    expect(data.hubs).toHaveLength(12)
    expect(data.users.map((u) => u.id)).toContain('u-ng-01')
    const count = (k: 'exchanges' | 'actions' | 'crossCutting') => data.hubs.reduce((n, h) => n + h[k].length, 0)
    expect([count('exchanges'), count('actions'), count('crossCutting'), data.comments.length]).toEqual([32, 35, 9, 26])
    expect(data.hubs.find((h) => h.id === 'hub-sg')!.crossCutting.map((c) => c.id)).not.toContain('cc-jp-1')
  })
})

describe('demo dates', () => {
  it('shifts the as-of day onto the day of seeding', () => {
    const today = new Date('2026-11-22T23:59:00Z')
    const shift = demoShiftDays(today)
    expect(shift).toBe(191)
    expect(shiftDate(DEMO_AS_OF, shift)).toBe('2026-11-22')
    expect(shiftDate('2026-04-30', shift)).toBe('2026-11-07')
    expect(shiftToInstant('2024-02-28', 1)).toBe('2024-02-29T12:00:00.000Z')
    expect(demoShiftDays(new Date(`${DEMO_AS_OF}T00:00:00Z`))).toBe(0)
    expect(demoShiftDays(new Date('2026-05-01T10:00:00Z'))).toBe(-14)
  })
})

describe('demo documents', () => {
  it('builds each hub brief and log with shifted dates and the extra keys', async () => {
    const shift = 10
    const docs = await demoDocs(data, taxonomy, shift)
    expect(docs.map((d) => d.doc)).toContain('hub/hub-ng/brief')
    // A brief and a log per hub, the hub-only log where a hub keeps entries among its missions.
    const hubsWithHubOnly = data.hubs.filter((h) => [...h.exchanges, ...h.actions, ...h.crossCutting].some((e) => e.sharingScope === 'hub_only'))
    expect(hubsWithHubOnly.length).toBeGreaterThan(0)
    expect(docs).toHaveLength(24 + hubsWithHubOnly.length)
    expect(docs.filter((d) => d.doc.endsWith('/log/hub')).map((d) => d.doc).sort()).toEqual(hubsWithHubOnly.map((h) => `hub/${h.id}/log/hub`).sort())
    const jp = new Y.Doc()
    Y.applyUpdate(jp, docs.find((d) => d.doc === 'hub/hub-jp/log')!.update)
    const cc = readExchanges(jp).find((e) => e.id === 'cc-jp-1')!
    expect(cc).toMatchObject({
      crossCutting: true, inputStatus: 'awaiting_input', inputRequestedAt: '2026-02-20T12:00:00.000Z',
      relatedHubs: ['hub-sg', 'hub-kr'], issues: [],
    })
    const entry = jp.getMap<Y.Map<unknown>>('exchanges').get('cc-jp-1')!
    expect(entry.get('escalation')).toBe('cyber_ambassadors_network')
    const done = readActions(jp).find((a) => a.status === 'done')!
    expect(done.completedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    for (const item of [...readExchanges(jp), ...readActions(jp)]) expect(item.issues, item.id).toEqual([])
  })

  it('builds a note document when a hub has notes', async () => {
    const hub = { ...data.hubs[0], notes: [{ id: 'n-demo', title: 'Meeting notes', text: 'First point.\n\nSecond point.', authorId: 'u-ng-01', createdAt: '2026-05-01' }] }
    const docs = await demoDocs({ ...data, hubs: [hub] }, taxonomy, 0)
    const note = docs.find((d) => d.doc === `hub/${hub.id}/notes/n-demo`)!
    expect(await lexicalDocToText(note.update)).toBe('Meeting notes\nFirst point.\nSecond point.')
  })
})
