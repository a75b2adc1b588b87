import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAction, createExchange, deleteItem, readLogItem, updateItem } from '../../../shared/log-doc.js'
import { diffLogSnapshots, readEntryFields, replaceLogContent, restoreEntry, snapshotLog } from '../../../shared/log-doc-history.js'

/** Two replicas of one log, kept in sync both ways, like two connected clients. */
function replicas() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(b, u, 'peer'))
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(a, u, 'peer'))
  return { a, b }
}

const copyOf = (doc: Y.Doc) => {
  const c = new Y.Doc()
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc))
  return c
}

describe('log history helpers', () => {
  it('restores one deleted entry with all its fields, unknown keys included, touching nothing else', () => {
    const { a, b } = replicas()
    const gone = createExchange(a, { title: 'Regulator talk', body: 'Long body', mission: 'EU', authorId: 'u1', themes: ['ai', 'data'], extra: { relatedHubs: ['h2'], custom: 7 } })
    const other = createAction(a, { title: 'Workshop', mission: 'DE', authorId: 'u2', due: '2026-12-01' })
    const version = copyOf(a)
    deleteItem(a, gone)
    updateItem(b, other, { title: 'Workshop (renamed)', status: 'in_progress' })
    expect(restoreEntry(b, version, 'exchange', gone)).toBe(true)
    expect(readEntryFields(a, 'exchange', gone)).toEqual(readEntryFields(version, 'exchange', gone))
    expect(readLogItem(a, gone)).toMatchObject({ body: 'Long body', themes: ['ai', 'data'], relatedHubs: ['h2'] })
    expect(readLogItem(a, other)).toMatchObject({ title: 'Workshop (renamed)', status: 'in_progress' })
    expect(restoreEntry(b, version, 'action', 'missing')).toBe(false)
  })

  it('replaces the whole log with a version: extra entries go, missing come back, changed fields reset', () => {
    const doc = new Y.Doc()
    const e1 = createExchange(doc, { title: 'One', body: 'Body one', mission: 'EU', authorId: 'u1' })
    const e2 = createExchange(doc, { title: 'Two', mission: 'EU', authorId: 'u1' })
    const version = copyOf(doc)
    deleteItem(doc, e1)
    updateItem(doc, e2, { title: 'Two edited', body: 'new body' })
    const e3 = createAction(doc, { title: 'Three', mission: 'FR', authorId: 'u3' })
    replaceLogContent(doc, version)
    expect(snapshotLog(doc)).toEqual(snapshotLog(version))
    expect(readLogItem(doc, e3)).toBeNull()
    // Nothing left to change: a second replace writes nothing.
    let updates = 0
    doc.on('update', () => updates++)
    replaceLogContent(doc, version)
    expect(updates).toBe(0)
  })

  it('diffs two snapshots: added, removed, changed field by field', () => {
    const doc = new Y.Doc()
    const e1 = createExchange(doc, { title: 'One', mission: 'EU', authorId: 'u1' })
    const e2 = createExchange(doc, { title: 'Two', mission: 'EU', authorId: 'u1', themes: ['ai'] })
    const before = snapshotLog(doc)
    deleteItem(doc, e1)
    updateItem(doc, e2, { themes: ['ai', '5g'] })
    const a1 = createAction(doc, { title: 'New action', mission: 'EU', authorId: 'u1' })
    const diff = diffLogSnapshots(before, snapshotLog(doc))
    expect(diff.removed).toEqual([{ kind: 'exchange', id: e1, title: 'One' }])
    expect(diff.added).toEqual([{ kind: 'action', id: a1, title: 'New action' }])
    expect(diff.changed).toEqual([{ kind: 'exchange', id: e2, title: 'Two', fields: [{ field: 'themes', before: ['ai'], after: ['ai', '5g'] }] }])
  })
})
