import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ENGINES, openTestDb, type TestDb } from '../support/engines.js'
import { CountStatements } from '../support/count-statements.js'
import { createHub, createNoteRow } from '../support/factories.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { LiveDocs } from '../../server/db/live-docs.js'
import { projectDoc } from '../../server/projection/project-doc.js'
import { loadTaxonomy } from '../../server/taxonomy-file.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'

/** A room as the sync server would offer it: the stored updates applied, at the last one's seq. */
function roomOf(updates: Uint8Array[], uptoSeq: number): LiveDocs {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  const live = new LiveDocs()
  live.provide(() => ({ doc, uptoSeq }))
  return live
}

// A brief's or note's search text read from its open room, in one statement, is the text its
// stored updates give (server/projection/project-doc.ts, doc-text-write.ts).
for (const engine of ENGINES) {
  describe(`${engine}: projection of an open room`, () => {
    let db: TestDb
    let hubId: string
    const taxonomy = loadTaxonomy()
    const textOf = async (doc: string) => (await db.db.selectFrom('doc_text').select(['text', 'title', 'scope']).where('doc', '=', doc).executeTakeFirst()) ?? null
    const cursorOf = async (doc: string) => Number((await db.db.selectFrom('projection_cursors').select('upto_seq').where('doc', '=', doc).executeTakeFirst())?.upto_seq ?? 0)

    beforeAll(async () => {
      db = await openTestDb(engine)
      hubId = (await createHub(db.db, { missions: ['DE'] })).id
    })
    afterAll(async () => {
      await db?.close()
    })

    it('writes the text the stored updates give, reading nothing stored and in one statement', async () => {
      await createNoteRow(db.db, hubId, 'live-1')
      const doc = `hub/${hubId}/notes/live-1`
      const updates = [await buildLexicalDoc([{ type: 'h1', text: 'Titre' }, { type: 'p', text: 'Zusammenarbeit mit dem Ministerium' }])]
      const [seq] = await appendUpdates(db.db, updates.map((update) => ({ doc, update, userId: null })))
      await projectDoc(db.db, doc, taxonomy)
      const fromStorage = await textOf(doc)
      expect(fromStorage?.text).toContain('Zusammenarbeit')

      await db.db.deleteFrom('doc_text').execute()
      await db.db.deleteFrom('projection_cursors').execute()
      const counted = new CountStatements()
      expect(await projectDoc(db.db.withPlugin(counted), doc, taxonomy, roomOf(updates, seq))).toBe(seq)
      expect(counted.count).toBe(1)
      expect(await textOf(doc)).toEqual(fromStorage)
      expect(await cursorOf(doc)).toBe(seq)
    })

    it('reads storage instead when an update stored around the room is past its seq', async () => {
      await createNoteRow(db.db, hubId, 'live-2')
      const doc = `hub/${hubId}/notes/live-2`
      const first = await buildLexicalDoc([{ type: 'p', text: 'first words' }])
      const [seq] = await appendUpdates(db.db, [{ doc, update: first, userId: null }])
      const [later] = await appendUpdates(db.db, [{ doc, update: await buildLexicalDoc([{ type: 'p', text: 'later words' }]), userId: null }])
      expect(await projectDoc(db.db, doc, taxonomy, roomOf([first], seq))).toBe(later)
      expect((await textOf(doc))?.text).toContain('later words')
      expect(await cursorOf(doc)).toBe(later)
    })

    it('never lets an older state overwrite a newer one, and projects nothing for a note without its row', async () => {
      await createNoteRow(db.db, hubId, 'live-3')
      const doc = `hub/${hubId}/notes/live-3`
      const old = await buildLexicalDoc([{ type: 'p', text: 'old words' }])
      const [oldSeq] = await appendUpdates(db.db, [{ doc, update: old, userId: null }])
      const [newSeq] = await appendUpdates(db.db, [{ doc, update: await buildLexicalDoc([{ type: 'p', text: 'new words' }]), userId: null }])
      expect(await projectDoc(db.db, doc, taxonomy)).toBe(newSeq)
      // A slower projection of the state at `oldSeq` finishing last: dropped, the cursor stays.
      await db.db.deleteFrom('doc_updates').where('doc', '=', doc).where('seq', '>', oldSeq).execute()
      expect(await projectDoc(db.db, doc, taxonomy)).toBe(newSeq)
      expect((await textOf(doc))?.text).toContain('new words')
      expect(await cursorOf(doc)).toBe(newSeq)

      const orphan = `hub/${hubId}/notes/no-row`
      const [orphanSeq] = await appendUpdates(db.db, [{ doc: orphan, update: old, userId: null }])
      expect(await projectDoc(db.db, orphan, taxonomy, roomOf([old], orphanSeq))).toBeNull()
      expect(await textOf(orphan)).toBeNull()
      expect(await cursorOf(orphan)).toBe(0)
    })

    it('projects a brief from its room with the brief title, and a document with no editor content as empty text', async () => {
      const brief = `hub/${hubId}/brief`
      const update = await buildLexicalDoc([{ type: 'p', text: 'Hub brief words' }])
      const [seq] = await appendUpdates(db.db, [{ doc: brief, update, userId: null }])
      expect(await projectDoc(db.db, brief, taxonomy, roomOf([update], seq))).toBe(seq)
      expect(await textOf(brief)).toMatchObject({ title: 'Hub brief', scope: 'hq' })
      expect((await textOf(brief))?.text).toContain('Hub brief words')

      await createNoteRow(db.db, hubId, 'live-4')
      const doc = `hub/${hubId}/notes/live-4`
      const other = new Y.Doc()
      other.getArray('edits').push([{ n: 1 }])
      const [otherSeq] = await appendUpdates(db.db, [{ doc, update: Y.encodeStateAsUpdate(other), userId: null }])
      await projectDoc(db.db, doc, taxonomy)
      const fromStorage = await textOf(doc)
      await db.db.deleteFrom('doc_text').where('doc', '=', doc).execute()
      expect(await projectDoc(db.db, doc, taxonomy, roomOf([Y.encodeStateAsUpdate(other)], otherSeq))).toBe(otherSeq)
      expect(await textOf(doc)).toEqual(fromStorage)
    })
  })
}
