import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { seedDemoIfEmpty } from '../../seeds/seed.js'
import { loadDemoFiles } from '../../seeds/demo-files.js'
import { demoShiftDays, shiftDate } from '../../seeds/demo-dates.js'
import { verifyPassword } from '../../server/auth/passwords.js'
import { readDocState } from '../../server/db/update-store.js'
import { lexicalDocToText } from '../../server/editor/headless.js'
import { readActions, readExchanges } from '../../shared/log-doc.js'

const { accounts, data } = loadDemoFiles()
/** Hubs whose demo data keeps entries among the hub's missions: they get a hub-only log document. */
const hubsWithHubOnlyEntries = data.hubs.filter((h) => [...h.exchanges, ...h.actions, ...h.crossCutting].some((e) => e.sharingScope === 'hub_only')).length
const today = new Date('2026-11-22T10:00:00Z')
const shift = demoShiftDays(today)

for (const engine of ENGINES) {
  describe(`${engine}: demo seed`, () => {
    let t: TestDb
    beforeAll(async () => {
      t = await openTestDb(engine)
    })
    afterAll(() => t?.close())

    it('seeds an empty database once, in one go', async () => {
      const started = performance.now()
      expect(await seedDemoIfEmpty(t.db, today)).toEqual({ users: 62, hubs: 12, docs: 24 + hubsWithHubOnlyEntries })
      console.info(`${engine}: demo seed took ${Math.round(performance.now() - started)} ms`)
      expect(await seedDemoIfEmpty(t.db, today)).toBeNull()
      expect(await t.db.selectFrom('hubs').select('id').execute()).toHaveLength(12)
      expect(await t.db.selectFrom('missions').select('id').execute()).toHaveLength(75)
      const focal = await t.db.selectFrom('hubs').select(['id', 'focal_point_user_id']).where('focal_point_user_id', 'is not', null).execute()
      expect(focal).toHaveLength(data.hubs.filter((h) => h.focalPoint.userId).length)
      expect(focal.find((h) => h.id === 'hub-ng')?.focal_point_user_id).toBe('u-ng-01')
      // 2023 ¶15: nine of the twelve delegations have a trained focal point; Serbia's is not yet trained.
      const trained = await t.db.selectFrom('hubs').select('id').where('focal_point_trained', '=', true).orderBy('id').execute()
      expect(trained.map((h) => h.id)).toEqual(['hub-ca', 'hub-co', 'hub-in', 'hub-jp', 'hub-kr', 'hub-ng', 'hub-sg', 'hub-ua', 'hub-us'])
      const rs = await t.db.selectFrom('hubs').select(['focal_point_trained', 'focal_point_since']).where('id', '=', 'hub-rs').executeTakeFirstOrThrow()
      expect(rs.focal_point_trained).toBe(false)
      expect(rs.focal_point_since).not.toBeNull()
      const comments = await t.db.selectFrom('comments').select(['id', 'item_id']).execute()
      expect(comments).toHaveLength(data.comments.length)
      expect(comments.find((c) => c.id === 'cm-001')?.item_id).toBe('hub-ng:action:ac-ng-3')
    })

    it('has every users.json account, with its role, memberships and a verifying password', async () => {
      const rows = await t.db
        .selectFrom('users')
        .leftJoin('memberships', 'memberships.user_id', 'users.id')
        .leftJoin('missions', 'missions.id', 'memberships.mission_id')
        .select(['users.id', 'email', 'users.name', 'role', 'password_hash', 'memberships.hub_id', 'missions.code', 'coordinator'])
        .execute()
      const byEmail = new Map<string, typeof rows>()
      for (const r of rows) byEmail.set(r.email, [...(byEmail.get(r.email) ?? []), r])
      expect(byEmail.size).toBe(accounts.length)
      expect(byEmail.get('jonas.exemplar@demo.example')![0].id).toBe('u-ng-01')
      const verified = new Set<string>()
      for (const a of accounts) {
        const mine = byEmail.get(a.email)!
        expect(mine[0], a.email).toMatchObject({ name: a.name, role: a.role })
        const got = mine.filter((r) => r.hub_id).map((r) => ({ hubId: r.hub_id, mission: r.code, coordinator: r.coordinator }))
        expect(got, a.email).toEqual(a.memberships)
        // Accounts share hashes of a shared password: verify each distinct (hash, password) pair once.
        const key = `${mine[0].password_hash}\n${a.password}`
        if (!verified.has(key)) {
          expect(await verifyPassword(mine[0].password_hash, a.password), a.email).toBe(true)
          verified.add(key)
        }
      }
      expect(await verifyPassword(byEmail.get(accounts[0].email)![0].password_hash, 'wrong password')).toBe(false)
    })

    it('writes each hub brief and log, with dates shifted to the day of seeding', async () => {
      let exchanges = 0
      let actions = 0
      let crossCutting = 0
      for (const hub of data.hubs) {
        const brief = await lexicalDocToText((await readDocState(t.db, `hub/${hub.id}/brief`))!.update)
        expect(brief.split('\n')[0]).toBe(hub.name)
        expect(brief).toContain('Asks to HQ')
        // The hub's log is two documents: entries kept among the hub's missions live apart.
        const log = new Y.Doc()
        Y.applyUpdate(log, (await readDocState(t.db, `hub/${hub.id}/log`))!.update)
        const hubOnly = new Y.Doc()
        const kept = await readDocState(t.db, `hub/${hub.id}/log/hub`)
        if (kept) Y.applyUpdate(hubOnly, kept.update)
        const keptIds = [...readExchanges(hubOnly), ...readActions(hubOnly)].map((e) => e.id).sort()
        const wanted = [...hub.exchanges, ...hub.actions, ...hub.crossCutting].filter((e) => e.sharingScope === 'hub_only').map((e) => e.id).sort()
        expect(keptIds, hub.id).toEqual(wanted)
        const ex = [...readExchanges(log), ...readExchanges(hubOnly)]
        const ac = [...readActions(log), ...readActions(hubOnly)]
        exchanges += ex.length
        actions += ac.length
        crossCutting += ex.filter((e) => e.crossCutting).length
        for (const item of [...ex, ...ac]) {
          expect(item.issues, item.id).toEqual([])
          expect(item.createdAt <= today.toISOString(), item.id).toBe(true)
        }
      }
      expect({ exchanges, actions, crossCutting }).toEqual({ exchanges: 32 + 9, actions: 35, crossCutting: 9 })
      const ng = new Y.Doc()
      Y.applyUpdate(ng, (await readDocState(t.db, 'hub/hub-ng/log'))!.update)
      expect(readActions(ng).find((a) => a.id === 'ac-ng-3')).toMatchObject({
        due: shiftDate('2026-04-30', shift), leadMission: 'FR', status: 'planned', createdAt: `${shiftDate('2026-01-20', shift)}T12:00:00.000Z`,
      })
      expect(readExchanges(ng).find((e) => e.id === 'cc-ng-1')).toMatchObject({ crossCutting: true, inputStatus: 'awaiting_input' })
    })
  })

  describe(`${engine}: two seeders starting at once`, () => {
    let t: TestDb
    beforeAll(async () => {
      t = await openTestDb(engine)
    })
    afterAll(() => t?.close())

    it('seed once (advisory lock, then the emptiness check)', async () => {
      const results = await Promise.all([seedDemoIfEmpty(t.db, today), seedDemoIfEmpty(t.db, today)])
      expect(results.filter((r) => r !== null)).toHaveLength(1)
      expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(62)
      const docs = await t.db.selectFrom('doc_updates').select('doc').execute()
      expect(docs).toHaveLength(24 + hubsWithHubOnlyEntries)
    })
  })
}
