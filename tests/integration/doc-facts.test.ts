import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { CountStatements } from '../support/count-statements.js'
import { createHub, createNoteRow } from '../support/factories.js'
import { docExists, docFacts, docResource } from '../../server/db/doc-exists.js'
import { parseDocName } from '../../shared/doc-names.js'

// What the sync door asks of a document at every upgrade: whether it exists and its access facts.
for (const engine of ENGINES) {
  describe(`${engine}: doc-facts`, () => {
    let db: TestDb
    let hubId: string
    beforeAll(async () => {
      db = await openTestDb(engine)
      hubId = (await createHub(db.db, { missions: ['DE'] })).id
      await createNoteRow(db.db, hubId, 'kept')
      await db.db.updateTable('notes').set({ scope: 'hub' }).where('id', '=', 'kept').execute()
    })
    afterAll(async () => {
      await db?.close()
    })

    it('answers what docExists and docResource answer, a note in one statement', async () => {
      const names = [`hub/${hubId}/notes/kept`, `hub/${hubId}/notes/no-row`, 'hub/no-such-hub/notes/kept', `hub/${hubId}/brief`, 'hub/no-such-hub/brief', `hub/${hubId}/log`]
      for (const raw of names) {
        const doc = parseDocName(raw)!
        const counted = new CountStatements()
        const facts = await docFacts(db.db.withPlugin(counted), doc)
        expect(facts, raw).toEqual({ exists: await docExists(db.db, doc), resource: await docResource(db.db, doc) })
        expect(counted.count, raw).toBe(1)
      }
      expect((await docFacts(db.db, parseDocName(`hub/${hubId}/notes/kept`)!)).resource.scope).toBe('hub')
    })
  })
}
