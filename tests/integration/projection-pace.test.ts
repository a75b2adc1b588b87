import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { createHub, createNoteRow } from '../support/factories.js'
import { until } from '../support/ws-client.js'
import { Projector, type ProjectedEvent } from '../../server/projection/projector.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
import { createLogger } from '../../server/logger.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'
import { appendUpdates } from '../../server/db/update-store.js'
import * as Y from 'yjs'
import { createAction } from '../../shared/log-doc.js'
import { logDocName } from '../../shared/doc-names.js'

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

    it('projects a log edit while a hundred notes wait for their search text (logs have their own lane)', async () => {
      const projector = new Projector(db.db, loadTaxonomy(), createLogger('error'), 50, 100, 600)
      const notes: string[] = []
      for (let i = 0; i < 150; i++) {
        notes.push(await createNoteRow(db.db, hubId, `many-${i}`))
      }
      for (const doc of notes) await appendUpdates(db.db, [{ doc, update: await buildLexicalDoc([{ type: 'p', text: `note ${doc}` }]), userId: null }])
      const log = new Y.Doc()
      const id = createAction(log, { title: 'Listed at once', mission: 'EU', authorId: 'u-lane', status: 'planned', themes: [] })
      const projectedNotes = new Set<string>()
      let notesWhenLogProjected = -1
      projector.events.on('projected', (e: ProjectedEvent) => {
        if (e.doc === logDocName(hubId)) notesWhenLogProjected = projectedNotes.size
        else projectedNotes.add(e.doc)
      })
      try {
        for (const doc of notes) projector.schedule(doc)
        // The notes come due together (100 ms); the log is edited just after they started.
        await until(() => projectedNotes.size > 0, 10_000, 'the notes start projecting')
        await appendUpdates(db.db, [{ doc: logDocName(hubId), update: Y.encodeStateAsUpdate(log), userId: null }])
        projector.schedule(logDocName(hubId))
        await until(() => notesWhenLogProjected >= 0, 30_000, 'the log projected')
        // In one shared queue the log came after every note already due.
        expect(notesWhenLogProjected).toBeLessThan(notes.length)
        expect(await db.db.selectFrom('items').select('id').where('hub_id', '=', hubId).execute()).toContainEqual({ id: expect.stringContaining(id) })
        await until(() => projectedNotes.size === notes.length, 60_000, 'every note projected')
      } finally {
        await projector.stop()
      }
    })
  })
}
