import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { logItemRows } from '../../../../server/projection/log-items.js'
import { buildItemId as itemId } from '../../../../shared/item-id.js'
import { loadTaxonomy } from '../../../../server/taxonomy-file.js'
import { createAction, createExchange } from '../../../../shared/log-doc.js'
import { logMap } from '../../../../shared/log-doc-view.js'
import type { NewItem } from '../../../../server/db/schema.js'

const taxonomy = loadTaxonomy()
const now = new Date('2026-11-22T10:00:00Z')
const rowsOf = (doc: Y.Doc) => logItemRows('hub-x', doc, taxonomy, now)
const byEntry = (rows: NewItem[], entryId: string) => {
  const row = rows.find((r) => r.entry_id === entryId)
  if (!row) throw new Error(`no row for ${entryId}`)
  return row
}

/** An entry written around the typed helpers, as a hostile or outdated client could. */
function rawEntry(doc: Y.Doc, kind: 'exchange' | 'action', id: string, fields: Record<string, unknown>) {
  doc.transact(() => {
    const entry = new Y.Map<unknown>()
    logMap(doc, kind).set(id, entry)
    for (const [k, v] of Object.entries(fields)) entry.set(k, Array.isArray(v) ? Y.Array.from(v) : v)
  })
}

describe('logItemRows', () => {
  it('keys rows by hub, kind and entry, so two hubs never share an item', () => {
    expect(itemId('hub-ng', 'action', 'ac-1')).toBe('hub-ng:action:ac-1')
    const doc = new Y.Doc()
    const id = createExchange(doc, { title: 'T', mission: 'EU', authorId: 'u1', createdAt: '2026-03-04T10:00:00Z' })
    const [mine] = logItemRows('hub-a', doc, taxonomy, now)
    const [theirs] = logItemRows('hub-b', doc, taxonomy, now)
    expect([mine.id, theirs.id]).toEqual([`hub-a:exchange:${id}`, `hub-b:exchange:${id}`])
  })

  it('projects a valid exchange: active on its day only, top themes and participants derived', () => {
    const doc = new Y.Doc()
    const input = {
      title: 'Échange',
      body: 'Données',
      themes: ['connectivity.submarine-cables', 'connectivity.5g-6g', 'ai'],
      forums: ['itu'],
      mission: 'DE',
      missions: ['FR', 'DE'],
      authorId: 'u1',
      createdAt: '2026-03-04T23:30:00Z',
      crossCutting: true,
    }
    const id = createExchange(doc, input)
    const { title, body, themes, forums, mission, missions } = input
    expect(byEntry(rowsOf(doc), id)).toEqual({
      ...{ title, body, themes, forums, mission, missions },
      id: `hub-x:exchange:${id}`,
      hub_id: 'hub-x',
      kind: 'exchange',
      entry_id: id,
      author_id: input.authorId,
      created_at: input.createdAt,
      updated_at: input.createdAt,
      cross_cutting: true,
      ...{ lead_mission: null, status: null, due: null, completed_at: null },
      ...{ input_status: null, input_requested_at: null, input_provided_at: null, related_hubs: [], linked_items: [] },
      // Structured fields: none given; a cross-cutting entry is not escalated.
      ...{ exchange_type: null, counterparts: [], partnership: null, action_kind: null, owner_id: null, gg_project: null, source_exchange: null },
      ...{ outcome: null, drop_reason: null, escalation: 'none' },
      top_themes: ['connectivity', 'ai'],
      participants: ['DE', 'FR'],
      active_from: '2026-03-04',
      active_to: '2026-03-04',
      issues: [],
      projected_at: now,
      scope: 'hq',
    })
  })

  it('keeps an open action active without end, leading mission defaulting to the author’s', () => {
    const doc = new Y.Doc()
    const id = createAction(doc, { title: 'Workshop', mission: 'FR', authorId: 'u1', createdAt: '2026-01-10T09:00:00Z', status: 'in_progress', due: '2026-02-01' })
    expect(byEntry(rowsOf(doc), id)).toMatchObject({
      kind: 'action',
      status: 'in_progress',
      due: '2026-02-01',
      lead_mission: 'FR',
      participants: ['FR'],
      active_from: '2026-01-10',
      active_to: '9999-12-31',
    })
  })

  it('ends a done action on its completion day, and a dropped one on its last change', () => {
    const doc = new Y.Doc()
    const done = createAction(doc, {
      title: 'Done', mission: 'EU', leadMission: 'NL', missions: ['DE'], authorId: 'u1', createdAt: '2026-01-10T09:00:00Z', status: 'done',
      extra: { completedAt: '2026-02-20' },
    })
    const dropped = createAction(doc, { title: 'Dropped', mission: 'EU', authorId: 'u1', createdAt: '2026-01-10T09:00:00Z', updatedAt: '2026-03-15T18:00:00Z', status: 'dropped' })
    const rows = rowsOf(doc)
    expect(byEntry(rows, done)).toMatchObject({ completed_at: '2026-02-20', active_to: '2026-02-20', lead_mission: 'NL', participants: ['EU', 'NL', 'DE'] })
    expect(byEntry(rows, dropped)).toMatchObject({ completed_at: null, active_to: '2026-03-15', updated_at: '2026-03-15T18:00:00Z' })
  })

  it('takes the earlier end when a dropped action also has a completion day', () => {
    const doc = new Y.Doc()
    const id = createAction(doc, {
      title: 'Both', mission: 'EU', authorId: 'u1', createdAt: '2026-01-10T09:00:00Z', updatedAt: '2026-04-01T00:00:00Z', status: 'dropped',
      extra: { completedAt: '2026-03-01' },
    })
    expect(byEntry(rowsOf(doc), id).active_to).toBe('2026-03-01')
  })

  it('drops theme and forum ids the taxonomy does not know, and says which', () => {
    const doc = new Y.Doc()
    const id = createExchange(doc, { title: 'T', mission: 'EU', authorId: 'u1', themes: ['ai', 'no-such-theme', 'ai.nope'], forums: ['itu', 'made-up'] })
    const row = byEntry(rowsOf(doc), id)
    expect(row.themes).toEqual(['ai'])
    expect(row.top_themes).toEqual(['ai'])
    expect(row.forums).toEqual(['itu'])
    expect(row.issues).toEqual(['themes: unknown no-such-theme, ai.nope', 'forums: unknown made-up'])
  })

  it('names at most five unknown ids in an issue', () => {
    const doc = new Y.Doc()
    const id = createExchange(doc, { title: 'T', mission: 'EU', authorId: 'u1', themes: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'] })
    expect(byEntry(rowsOf(doc), id).issues).toEqual(['themes: unknown x1, x2, x3, x4, x5'])
  })

  it('keeps invalid days out of due and completed_at instead of failing the row', () => {
    const doc = new Y.Doc()
    const id = createAction(doc, { title: 'T', mission: 'EU', authorId: 'u1', createdAt: '2026-01-10T09:00:00Z', status: 'done', due: '2026-13-45', extra: { completedAt: 'soon' } })
    const row = byEntry(rowsOf(doc), id)
    expect(row).toMatchObject({ due: null, completed_at: null, active_to: '9999-12-31' })
  })

  it('turns NUL characters into U+FFFD (PostgreSQL text cannot hold them) and flags the row', () => {
    const doc = new Y.Doc()
    const id = createExchange(doc, { title: 'a\u0000b', body: '\u0000', mission: 'EU', authorId: 'u1', missions: ['D\u0000E'] })
    const row = byEntry(rowsOf(doc), id)
    expect(row.title).toBe('a\uFFFDb')
    expect(row.body).toBe('\uFFFD')
    expect(row.missions).toEqual(['D\uFFFDE'])
    expect(row.issues).toContain('text: contained NUL characters')
  })

  it('projects a broken entry as far as it is valid, without a date it never counts as active', () => {
    const doc = new Y.Doc()
    rawEntry(doc, 'exchange', 'bad1', { id: 'bad1', title: 42, themes: ['ai', 7], createdAt: 'yesterday', crossCutting: 'yes', mission: 42 })
    const row = byEntry(rowsOf(doc), 'bad1')
    expect(row).toMatchObject({ title: '', themes: ['ai'], cross_cutting: false, mission: null, created_at: null, active_from: null, active_to: null })
    expect((row.issues as string[]).length).toBeGreaterThan(0)
  })

  it('never lets one bad entry stop the others', () => {
    const doc = new Y.Doc()
    const good = createExchange(doc, { title: 'Good', mission: 'EU', authorId: 'u1' })
    const action = createAction(doc, { title: 'Also good', mission: 'EU', authorId: 'u1' })
    doc.transact(() => {
      logMap(doc, 'exchange').set('not-a-map', 'just a string' as unknown as Y.Map<unknown>)
      logMap(doc, 'action').set('a-number', 5 as unknown as Y.Map<unknown>)
    })
    rawEntry(doc, 'action', 'weird', { status: 'exploded', due: 12 })
    const rows = rowsOf(doc)
    expect(rows.map((r) => r.entry_id).sort()).toEqual([good, action, 'not-a-map', 'a-number', 'weird'].sort())
    expect(byEntry(rows, good).issues).toEqual([])
    expect(byEntry(rows, action).issues).toEqual([])
    for (const bad of ['not-a-map', 'a-number', 'weird']) expect((byEntry(rows, bad).issues as string[]).length, bad).toBeGreaterThan(0)
    expect(byEntry(rows, 'weird')).toMatchObject({ status: null, due: null })
  })

  it('projects an empty log to no rows', () => {
    expect(rowsOf(new Y.Doc())).toEqual([])
  })
})
