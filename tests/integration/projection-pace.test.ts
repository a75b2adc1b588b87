import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { createHub, createNoteRow } from '../support/factories.js'
import { until } from '../support/ws-client.js'
import { Projector, type ProjectedEvent } from '../../server/projection/projector.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
import { createLogger } from '../../server/logger.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'
import { appendUpdates } from '../../server/db/update-store.js'

// How often a brief or note edited without pause is re-read for search: at most once per
// `textMaxWaitMs` while the edits go on, and once more when they pause.
for (const engine of ENGINES) {
  describe(`${engine}: projection pace of a note edited without pause`, () => {
    let db: TestDb
    let hubId: string
    beforeAll(async () => {
      db = await openTestDb(engine)
      hubId = (await createHub(db.db, { missions: ['DE'] })).id
    })
    afterAll(async () => {
      await db?.close()
    })

    it('projects it while the edits go on (not once per debounce) and its last words once they stop', async () => {
      await createNoteRow(db.db, hubId, 'busy')
      const doc = `hub/${hubId}/notes/busy`
      const projector = new Projector(db.db, loadTaxonomy(), createLogger('error'), 50, 100, 600)
      const projected: ProjectedEvent[] = []
      projector.events.on('projected', (e: ProjectedEvent) => projected.push(e))
      try {
        const started = Date.now()
        let lastSeq = 0
        // An edit every 20 ms for 1.5 s: the debounce (100 ms) never runs out while it goes on.
        for (let i = 0; Date.now() - started < 1_500; i++) {
          const [seq] = await appendUpdates(db.db, [{ doc, update: await buildLexicalDoc([{ type: 'p', text: `words ${i}` }]), userId: null }])
          lastSeq = seq
          projector.schedule(doc)
          await new Promise((r) => setTimeout(r, 20))
        }
        const whileEditing = projected.length
        // Projected by the max wait (600 ms) while edited: at 1.5 s of edits, once or twice, never per edit.
        expect(whileEditing).toBeGreaterThanOrEqual(1)
        expect(whileEditing).toBeLessThanOrEqual(3)
        await until(() => projected.some((e) => e.seq === lastSeq), 5_000, 'the last edit projected')
        const text = await db.db.selectFrom('doc_text').select('text').where('doc', '=', doc).executeTakeFirstOrThrow()
        expect(text.text).toContain('words')
      } finally {
        await projector.stop()
      }
    })
  })
}
