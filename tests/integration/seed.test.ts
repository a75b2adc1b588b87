import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { DEMO_USERS_FILE, seedDemoIfEmpty } from '../../seeds/seed.js'
import { verifyPassword } from '../../server/auth/passwords.js'
import { readDocState } from '../../server/collab/update-store.js'
import { readActions, readExchanges } from '../../shared/log-doc.js'
import { lexicalDocToText } from '../../server/editor/headless.js'
import { demoShiftDays, shiftDate } from '../../seeds/demo-dates.js'

const usersFile: { email: string; password: string; role: string; memberships: { hubId: string; mission: string }[] }[] =
  JSON.parse(readFileSync(DEMO_USERS_FILE, 'utf8'))

for (const engine of ENGINES) {
  describe(`${engine}: demo seed`, () => {
    let t: TestDb
    const today = new Date('2026-11-22T10:00:00Z')
    beforeAll(async () => {
      t = await openTestDb(engine)
    })
    afterAll(() => t?.close())

    it('seeds an empty database once, in one go', async () => {
      expect(await seedDemoIfEmpty(t.db, today)).toEqual({ users: 61, hubs: 12, docs: 24 })
      expect(await seedDemoIfEmpty(t.db, today)).toBeNull()
      expect(await t.db.selectFrom('hubs').select('id').execute()).toHaveLength(12)
    })

    it('matches users.json: every account exists with its role, memberships and password', async () => {
      expect(usersFile.length).toBeGreaterThanOrEqual(5)
      for (const role of ['staff', 'hq', 'cyber', 'admin']) expect(usersFile.some((u) => u.role === role)).toBe(true)
      const rows = await t.db.selectFrom('users').select(['email', 'role', 'password_hash']).execute()
      const byEmail = new Map(rows.map((r) => [r.email, r]))
      for (const u of usersFile) expect(byEmail.get(u.email)?.role, u.email).toBe(u.role)
      const sample = byEmail.get(usersFile[0].email)!
      expect(await verifyPassword(sample.password_hash, usersFile[0].password)).toBe(true)
      const hubNg = usersFile.filter((u) => u.memberships.some((m) => m.hubId === 'hub-ng'))
      expect(hubNg.length).toBeGreaterThanOrEqual(2)
      expect(new Set(hubNg.map((u) => u.memberships[0].mission)).size).toBeGreaterThanOrEqual(2)
    })

    it('writes each hub brief and log, with dates shifted to the day of seeding', async () => {
      const brief = await readDocState(t.db, 'hub/hub-ng/brief')
      expect(await lexicalDocToText(brief!.update)).toContain('Context and partner priorities')
      let exchanges = 0
      let actions = 0
      for (const hub of await t.db.selectFrom('hubs').select('id').execute()) {
        const log = new Y.Doc()
        Y.applyUpdate(log, (await readDocState(t.db, `hub/${hub.id}/log`))!.update)
        exchanges += readExchanges(log).length
        actions += readActions(log).length
        for (const a of readActions(log)) expect(a.issues, a.id).toEqual([])
      }
      expect(actions).toBe(35)
      expect(exchanges).toBe(32 + 9) // exchanges + cross-cutting items
      const ng = new Y.Doc()
      Y.applyUpdate(ng, (await readDocState(t.db, 'hub/hub-ng/log'))!.update)
      const ac3 = readActions(ng).find((a) => a.id === 'ac-ng-3')!
      expect(ac3.due).toBe(shiftDate('2026-04-30', demoShiftDays(today)))
      expect(ac3.leadMission).toBe('FR')
      const cc = readExchanges(ng).find((e) => e.id === 'cc-ng-1')!
      expect(cc).toMatchObject({ crossCutting: true, inputStatus: 'awaiting_input' })
    })
  })
}
