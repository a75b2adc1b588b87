import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { openTestApp, type TestApp } from '../support/test-app.js'
import { client } from '../support/http.js'
import { loadDemoFiles } from '../../seeds/demo-files.js'
import { seedDemoIfEmpty } from '../../seeds/seed.js'
import { demoShiftDays, shiftDate } from '../../seeds/demo-dates.js'
import { reprojectAll } from '../../server/projection/projector.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
import { unzipSync, strFromU8 } from 'fflate'
import { pdfText } from '../support/pdf-text.js'

/** The hand-computed figures the demo data carries, as of its demo date. */
const { accounts, data } = loadDemoFiles()
const expected = data.expectedRollup as any // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
const hqAccount = accounts.find((a) => a.role === 'hq')!
const period = data.reportingPeriods.find((p) => p.id === expected.period)!

for (const engine of ENGINES) {
  describe(`${engine}: roll-up of the demo data`, () => {
    let t: TestApp
    let rollup: any // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
    let from: string
    let to: string
    const hq = () => client(t.fetch, t.origin)

    beforeAll(async () => {
      t = await openTestApp(engine)
      // What a server started with SEED_DEMO=1 does, in the foreground: seed, then project every log.
      await seedDemoIfEmpty(t.db.db)
      await reprojectAll(t.db.db, loadTaxonomy())
      // Demo dates are shifted so the source's "as of" day is the day of seeding: shift the period too.
      const shift = demoShiftDays(new Date())
      from = shiftDate(period.start, shift)
      to = shiftDate(period.end, shift)
      expect((await t.db.db.selectFrom('items').select('id').execute()).length).toBeGreaterThanOrEqual(76)
      const api = hq()
      expect((await api.login(hqAccount.email, hqAccount.password)).status).toBe(200)
      const res = await api.request('GET', `/api/rollup?from=${from}&to=${to}`)
      expect(res.status).toBe(200)
      rollup = res.body
      ;(globalThis as { hqApi?: unknown }).hqApi = api
    })
    afterAll(() => t?.close())

    it("keeps the demo's hub-only exchanges among their hub's missions, yet counts them", async () => {
      const api = (globalThis as { hqApi?: ReturnType<typeof client> }).hqApi!
      const items = (await api.request('GET', '/api/items?limit=500')).body as { id: string }[]
      expect(items.length).toBeGreaterThan(50)
      expect(items.map((i) => i.id)).not.toContain('hub-cd:exchange:ex-cd-3')
      expect(items.map((i) => i.id)).not.toContain('hub-ua:exchange:ex-ua-3')
      expect((await api.request('GET', '/api/search?q=journalists')).text).not.toContain('online safety of journalists')
      expect(rollup.hubs.find((h: { id: string }) => h.id === 'hub-cd').hubOnly).toEqual({ exchanges: 1, actions: 0 })
      const member = accounts.find((a) => a.role === 'staff' && a.memberships.some((m) => m.hubId === 'hub-cd'))!
      const staff = client(t.fetch, t.origin)
      expect((await staff.login(member.email, member.password)).status).toBe(200)
      const mine = (await staff.request('GET', '/api/items?hubId=hub-cd')).body as { id: string; scope: string }[]
      expect(mine.find((i) => i.id === 'hub-cd:exchange:ex-cd-3')?.scope).toBe('hub')
    })

    it('theme × hub matrix equals the hand-computed record counts', () => {
      const got: Record<string, Record<string, number>> = {}
      for (const r of rollup.matrix) (got[r.themeId] ??= {})[r.hubId] = r.exchanges + r.actions
      expect(got).toEqual(expected.activity_by_top_theme_x_hub_2026H1_record_counts)
    })

    it('overdue actions with days overdue, and cross-cutting items awaiting input with days waiting', () => {
      expect(rollup.overdue.map((o: { itemId: string; daysOverdue: number }) => [o.itemId.split(':')[2], o.daysOverdue]).sort()).toEqual(
        expected.overdue_actions.map((o: { action_id: string; days_overdue: number }) => [o.action_id, o.days_overdue]).sort(),
      )
      expect(rollup.crossCutting.awaitingComment).toBe(expected.cross_cutting_awaiting_cyber_input.length)
      expect(
        rollup.crossCutting.awaiting.map((a: { itemId: string; hubId: string; relatedHubs: string[]; daysWaiting: number }) => [
          a.itemId.split(':')[2], [a.hubId, ...a.relatedHubs].sort(), a.daysWaiting,
        ]).sort(),
      ).toEqual(
        expected.cross_cutting_awaiting_cyber_input.map((c: { item_id: string; hub_ids: string[]; days_waiting: number }) => [c.item_id, [...c.hub_ids].sort(), c.days_waiting]).sort(),
      )
    })

    it('Team Europe participation: registered and engaged Member States per hub', () => {
      for (const e of expected.team_europe_participation) {
        const p = rollup.participation.find((x: { hubId: string }) => x.hubId === e.hub_id)
        expect(p.registeredMemberStates, e.hub_id).toEqual([...e.registered_ms].sort())
        expect(p.engagedMemberStates, e.hub_id).toEqual([...e.engaged_ms_2026H1].sort())
        expect(p.euOnly).toBe(false)
      }
    })

    it('hubs with and without a digital focal point', () => {
      const got = Object.fromEntries(rollup.focalPoints.map((f: { hubId: string; hasFocalPoint: boolean }) => [f.hubId, f.hasFocalPoint]))
      expect(got).toEqual(Object.fromEntries(expected.eu_delegation_focal_points.map((f: { hub_id: string; has_focal_point: boolean }) => [f.hub_id, f.has_focal_point])))
    })

    it('actions by status count the actions active in the period', () => {
      const all = data.hubs.flatMap((h) => h.actions)
      const counts: Record<string, number> = { planned: 0, in_progress: 0, done: 0, dropped: 0 }
      for (const a of all) if (a.period === expected.period) counts[a.status]++
      expect(rollup.actionsByStatus).toEqual(counts)
    })

    it('the progress report in French on request (PDF, DOCX, Markdown): French headings, theme labels and dates; record content untouched', async () => {
      const api = (globalThis as { hqApi?: ReturnType<typeof client> }).hqApi!
      const get = (query: string) => t.fetch(`/api/reports/progress?from=${from}&to=${to}&${query}`, { headers: { cookie: api.cookie! } })
      const taxonomy = loadTaxonomy()
      const themeIds = [...new Set(rollup.matrix.map((m: { themeId: string }) => m.themeId))] as string[]
      const frThemes = themeIds.map((id) => taxonomy.themes.find((x) => x.id === id)!.labels.fr)
      const enOnly = themeIds.map((id) => taxonomy.themes.find((x) => x.id === id)!.labels.en).filter((l) => !frThemes.some((fr) => fr.includes(l)))
      // (The demo briefs, quoted as written, have headings of their own such as "Partnerships and dialogues".)
      const englishHeadings = ['Summary', 'Hub summaries', 'Charts', 'Overdue actions', 'Actions by status', 'Activity by theme and hub', 'Forum coordination', 'Escalation of cross-cutting items', 'Brief for the period', 'main themes', 'page 1 of', 'Generated ', 'Hubs covered', 'Digital hubs progress report']
      const frenchHeadings = ['Synthèse', 'Synthèses par hub', 'Actions en retard', 'Actions par statut', 'Activité par thème et par hub', 'Partenariats et dialogues', 'Rapport d’avancement des hubs numériques', 'Hubs couverts']
      const check = (text: string, format: string) => {
        const flat = text.replace(/\s+/g, ' ')
        for (const h of frenchHeadings) expect(flat, `${format}: ${h}`).toContain(h)
        for (const h of englishHeadings) expect(flat, `${format}: no ${h}`).not.toContain(h)
        // Theme labels in French (at least the busiest ones; tables may be long), and no English one.
        expect(frThemes.filter((l) => flat.includes(l)).length, `${format}: French themes`).toBeGreaterThan(0)
        // Before the hub summaries (which quote the briefs as written, English theme names and all).
        const ownWords = flat.slice(0, flat.lastIndexOf('Synthèses par hub'))
        for (const l of enOnly) expect(ownWords, `${format}: no English theme ${l}`).not.toContain(l)
        // Record content as written: every hub's country (names come from records, not translated here).
        for (const h of rollup.hubs) expect(flat).toContain(h.countryName)
      }
      const pdf = await get('format=pdf&lang=fr')
      expect(pdf.status).toBe(200)
      expect(pdf.headers.get('content-language')).toBe('fr')
      const pdfWords = await pdfText(new Uint8Array(await pdf.arrayBuffer()))
      check(pdfWords, 'pdf')
      // Dates in French: the period's first day as French writes it.
      const frDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${from}T00:00:00Z`))
      expect(pdfWords.replace(/\s+/g, ' ')).toContain(`du ${frDay} au`)
      const docx = new Uint8Array(await (await get('format=docx&lang=fr')).arrayBuffer())
      const xml = strFromU8(unzipSync(docx)['word/document.xml'])
      check(xml.replace(/<[^>]+>/g, ' ').replace(/&apos;/g, "'").replace(/&amp;/g, '&'), 'docx')
      const md = await (await get('format=md&lang=fr')).text()
      check(md, 'md')
      expect(md).toContain('## Synthèse')
      // The caller's own language is the default; `lang` overrides it; anything but en or fr is refused.
      expect((await api.request('PUT', '/api/me/language', { language: 'fr' })).status).toBe(200)
      try {
        expect(await (await get('format=md')).text()).toContain('## Synthèse')
        expect(await (await get('format=md&lang=en')).text()).toContain('## Summary')
      } finally {
        expect((await api.request('PUT', '/api/me/language', { language: null })).status).toBe(200)
      }
      const bad = await api.request('GET', `/api/reports/progress?from=${from}&to=${to}&format=md&lang=de`)
      expect(bad.status).toBe(400)
      expect(bad.body.error).toMatchObject({ code: expect.any(String), message: expect.stringContaining('lang') })
    })

    it('the progress report carries the same figures as the roll-up, in every format', async () => {
      const api = (globalThis as { hqApi?: ReturnType<typeof client> }).hqApi!
      const get = (format: string) => t.fetch(`/api/reports/progress?from=${from}&to=${to}&format=${format}`, { headers: { cookie: api.cookie! } })
      const md = await get('md')
      expect(md.status).toBe(200)
      expect(md.headers.get('content-disposition')).toMatch(/attachment; filename="hubwork-progress-.*\.md"/)
      const text = await md.text()
      for (const h of rollup.hubs) expect(text).toContain(h.countryName)
      expect(text).toContain(`Overdue actions: ${rollup.overdue.length}.`)
      expect(text).toContain(`awaiting cyber input: ${rollup.crossCutting.awaitingComment}.`)
      const csv = await (await get('csv')).text()
      // Every matrix cell of the roll-up is a row of the report's CSV with the same numbers.
      const matrixRows = csv.split('\r\n').filter((l) => l.startsWith('Activity by theme and hub,'))
      expect(matrixRows).toHaveLength(rollup.matrix.length)
      const csvTotal = matrixRows.reduce((n, l) => n + l.split(',').slice(-2).reduce((a, b) => a + Number(b), 0), 0)
      const rollupTotal = rollup.matrix.reduce((n: number, m: { exchanges: number; actions: number }) => n + m.exchanges + m.actions, 0)
      expect(csvTotal).toBe(rollupTotal)
      const statusRows = Object.fromEntries(csv.split('\r\n').filter((l) => l.startsWith('Actions by status,')).map((l) => [l.split(',')[1], Number(l.split(',')[2])]))
      expect(statusRows).toEqual(rollup.actionsByStatus)
      const pdf = Buffer.from(await (await get('pdf')).arrayBuffer())
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      expect(pdf.length).toBeGreaterThan(10_000)
      const docx = Buffer.from(await (await get('docx')).arrayBuffer())
      expect(docx.subarray(0, 2).toString()).toBe('PK')
      expect(docx.includes(Buffer.from('word/document.xml'))).toBe(true)
      // Questions 6–10 and escalations, as the dashboard has them.
      expect(text).toContain('## Global Gateway and Tech Business Offer actions')
      const escalationRows = Object.fromEntries(csv.split('\r\n').filter((l) => l.startsWith('Escalation of cross-cutting items,')).map((l) => [l.split(',')[1], Number(l.split(',')[2])]))
      expect(escalationRows).toEqual({ 'Not escalated': 6, 'Digital diplomacy network': 1, "Cyber ambassadors' network": 2, 'Political and Security Committee': 0 })
      expect(csv.split('\r\n').filter((l) => l.startsWith('Engagement by counterpart type,'))).toHaveLength(rollup.records.counterparts.length)
      const staff = accounts.find((a) => a.email === 'jonas.exemplar@demo.example')!
      const s = client(t.fetch, t.origin)
      await s.login(staff.email, staff.password)
      expect((await s.request('GET', `/api/reports/progress?from=${from}&to=${to}&format=md`)).status).toBe(403)
      expect((await api.request('GET', `/api/reports/progress?from=${from}&to=${to}&format=exe`)).status).toBe(400)
    })

    // Questions 6–10, hand-computed from seeds/demo/hubs.json for the demo's open period.
    it('6. forum coordination: records per forum and in how many hubs', () => {
      const got = Object.fromEntries(rollup.records.forums.map((f: { forumId: string; exchanges: number; actions: number; hubs: number }) => [f.forumId, [f.exchanges, f.actions, f.hubs]]))
      expect(got).toEqual({
        '3gpp': [1, 0, 1], 'african-union': [1, 0, 1], etsi: [1, 0, 1], g7: [1, 0, 1], iec: [1, 0, 1], ietf: [1, 1, 1], igf: [0, 1, 1],
        iso: [1, 0, 1], itu: [1, 2, 2], 'itu-pp26': [0, 1, 1], oecd: [1, 0, 1], wsis20: [0, 1, 1], wto: [1, 0, 1],
      })
      // ITU PP-26 is listed under ITU, whose total includes it (the demo's PP-26 action is tagged ITU too: counted once).
      const ids = rollup.records.forums.map((f: { forumId: string; parent: string | null }) => `${f.forumId}<${f.parent ?? ''}`)
      expect(ids.slice(ids.indexOf('itu<'), ids.indexOf('itu<') + 2)).toEqual(['itu<', 'itu-pp26<itu'])
    })

    it('7. partnership coverage: records per partnership or dialogue and in how many hubs', () => {
      const got = Object.fromEntries(rollup.records.partnerships.map((p: { partnershipId: string; exchanges: number; actions: number; hubs: number }) => [p.partnershipId, [p.exchanges, p.actions, p.hubs]]))
      expect(got).toEqual({
        'au-eu-digital': [1, 0, 1], 'dep-drc': [0, 1, 1], 'dep-nigeria': [2, 1, 1], 'digital-trade-rules': [4, 0, 3], 'dp-canada': [1, 2, 1],
        'dp-japan': [1, 2, 1], 'dp-korea': [2, 1, 1], 'dp-singapore': [2, 1, 1], 'eu-lac-digital-alliance': [1, 0, 1], eu4digital: [2, 2, 1],
        'ttc-eu-india': [2, 2, 1], 'ttc-eu-us': [1, 1, 1], 'wb-digital-agenda': [2, 0, 1],
      })
    })

    it('8. Global Gateway and Tech Business Offer actions by kind and status, each with its project and what it met', () => {
      expect(rollup.records.globalGateway.byKind).toEqual([
        { actionKind: 'gg_project_support', planned: 1, in_progress: 2, done: 1, dropped: 0 },
        { actionKind: 'tech_business_offer', planned: 2, in_progress: 0, done: 1, dropped: 0 },
      ])
      expect(rollup.records.globalGateway.actions).toHaveLength(7)
      const nigeria = rollup.records.globalGateway.actions.find((a: { itemId: string }) => a.itemId === 'hub-ng:action:ac-ng-1')
      expect(nigeria).toMatchObject({ ggProject: 'gg-dep-nigeria', status: 'done' })
      expect(nigeria.obstacle).toContain('Map shared with all missions')
    })

    it('9. engagement by counterpart type: exchanges per counterpart and in how many hubs', () => {
      const got = Object.fromEntries(rollup.records.counterparts.map((c: { counterpart: string; exchanges: number; hubs: number }) => [c.counterpart, [c.exchanges, c.hubs]]))
      expect(got).toEqual({ academia: [3, 3], civil_society: [2, 2], government: [6, 6], industry: [5, 5], international_org: [1, 1] })
    })

    it('10. Member State contributions across all hubs, and escalations of cross-cutting items', () => {
      const got = Object.fromEntries(rollup.records.memberStates.filter((m: { records: number }) => m.records > 0).map((m: { mission: string; registeredHubs: number; activeHubs: number; records: number }) => [m.mission, [m.registeredHubs, m.activeHubs, m.records]]))
      expect(got).toMatchObject({ DE: [12, 12, 28], FR: [11, 11, 25], NL: [11, 10, 26], EE: [4, 4, 9], FI: [4, 4, 10], SE: [3, 2, 3], AT: [1, 1, 4] })
      expect(rollup.records.escalation).toEqual({ none: 6, digital_diplomacy_network: 1, cyber_ambassadors_network: 2, psc: 0 })
    })

    it('the drill-downs list exactly what questions 6–10 counted', async () => {
      const api = (globalThis as { hqApi?: ReturnType<typeof client> }).hqApi!
      const q = (extra: string) => api.request('GET', `/api/items?activeFrom=${from}&activeTo=${to}&limit=500&${extra}`)
      expect((await q('forum=itu')).body).toHaveLength(3)
      expect((await q('partnership=digital-trade-rules')).body).toHaveLength(4)
      expect((await q('kind=action&ggOrTbo=true')).body).toHaveLength(7)
      expect((await q('kind=exchange&counterpart=government')).body).toHaveLength(6)
      expect((await q('participant=DE')).body).toHaveLength(28)
      const ng = (await api.request('GET', '/api/gg-projects/gg-dep-nigeria')).body
      expect(ng.items.map((i: { entryId: string }) => i.entryId)).toContain('ac-ng-1')
    })

    it('validates the period and scopes staff to their own hubs', async () => {
      const api = (globalThis as { hqApi?: ReturnType<typeof client> }).hqApi!
      const bad = await api.request('GET', `/api/rollup?from=${to}&to=${from}`)
      expect(bad.status).toBe(400)
      expect(bad.body.error.message).toMatch(/^from/)
      expect((await api.request('GET', '/api/rollup?from=2026-13-01&to=2026-12-31')).status).toBe(400)
      const staff = accounts.find((a) => a.email === 'jonas.exemplar@demo.example')!
      const s = client(t.fetch, t.origin)
      await s.login(staff.email, staff.password)
      const mine = (await s.request('GET', `/api/rollup?from=${from}&to=${to}`)).body
      expect(mine.hubs.map((h: { id: string }) => h.id)).toEqual(['hub-ng'])
      expect(new Set(mine.matrix.map((m: { hubId: string }) => m.hubId))).toEqual(new Set(['hub-ng']))
      expect((await client(t.fetch, t.origin).request('GET', `/api/rollup?from=${from}&to=${to}`)).status).toBe(401)
    })
  })
}
