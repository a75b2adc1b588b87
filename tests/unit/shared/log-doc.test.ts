import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ACTION_STATUSES,
  createAction,
  createExchange,
  deleteItem,
  newItemId,
  observeLog,
  readActions,
  readExchanges,
  readLogItem,
  updateItem,
  VIEW_TEXT_CAP,
} from '../../../shared/log-doc.js'

/** A small seeded PRNG (mulberry32): the same seed gives the same edits on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const snapshot = (d: Y.Doc) => JSON.stringify([readExchanges(d), readActions(d)])

describe('log-doc: typed writes and reads', () => {
  it('creates, reads newest first, updates and deletes', () => {
    const doc = new Y.Doc()
    const a = createExchange(doc, { title: 'Older', mission: 'EU', authorId: 'u1', themes: ['ai'], createdAt: '2026-01-01T00:00:00Z' })
    const b = createExchange(doc, { title: 'Newer', body: 'Texte français 🇪🇺', mission: 'DE', authorId: 'u2', crossCutting: true, createdAt: '2026-02-01T00:00:00Z' })
    const c = createAction(doc, { title: 'Act', mission: 'FR', authorId: 'u1', due: '2026-03-01', missions: ['FR', 'EU'], createdAt: '2026-01-15T00:00:00Z' })
    expect(readExchanges(doc).map((e) => e.id)).toEqual([b, a])
    expect(readExchanges(doc)[0]).toMatchObject({ kind: 'exchange', body: 'Texte français 🇪🇺', crossCutting: true, issues: [] })
    expect(readActions(doc)[0]).toMatchObject({
      id: c, status: 'planned', due: '2026-03-01', missions: ['FR', 'EU'], leadMission: 'FR',
      updatedAt: '2026-01-15T00:00:00Z', completedAt: null, issues: [],
    })
    expect(updateItem(doc, c, { status: 'done', body: 'done now', due: null }, new Date('2026-04-02T09:00:00Z'))).toBe(true)
    expect(readLogItem(doc, c)).toMatchObject({ status: 'done', body: 'done now', due: null, completedAt: '2026-04-02', updatedAt: '2026-04-02T09:00:00.000Z' })
    updateItem(doc, c, { status: 'in_progress' })
    expect(readLogItem(doc, c)).toMatchObject({ status: 'in_progress', completedAt: null })
    updateItem(doc, a, { themes: ['dpi', 'ai'], forums: ['itu'], crossCutting: true, inputStatus: 'awaiting_input', status: 'done' })
    expect(readLogItem(doc, a)).toMatchObject({ kind: 'exchange', themes: ['dpi', 'ai'], forums: ['itu'], crossCutting: true, inputStatus: 'awaiting_input' })
    expect(readLogItem(doc, a)).not.toHaveProperty('status')
    expect(deleteItem(doc, a)).toBe(true)
    expect(deleteItem(doc, a)).toBe(false)
    expect(updateItem(doc, a, { title: 'gone' })).toBe(false)
    expect(readLogItem(doc, a)).toBeNull()
  })

  it('writes each create and update as one transaction (one update event)', () => {
    const doc = new Y.Doc()
    let updates = 0
    doc.on('update', () => updates++)
    const id = createAction(doc, { title: 't', mission: 'EU', authorId: 'u', themes: ['ai'], missions: ['EU', 'DE'] })
    updateItem(doc, id, { title: 'u', body: 'b', themes: [], status: 'dropped', due: '2026-01-01' })
    expect(updates).toBe(2)
  })

  it('generates random url-safe ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newItemId('action')))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(id).toMatch(/^ac-[A-Za-z0-9_-]{12}$/)
  })

  it('edits the body minimally so a concurrent edit elsewhere in it survives', () => {
    const [d1, d2] = [new Y.Doc(), new Y.Doc()]
    const id = createExchange(d1, { title: 't', body: 'alpha beta gamma', mission: 'EU', authorId: 'u' })
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1))
    updateItem(d1, id, { body: 'ALPHA beta gamma' })
    updateItem(d2, id, { body: 'alpha beta GAMMA' })
    Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2))
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1))
    expect(readLogItem(d1, id)!.body).toBe('ALPHA beta GAMMA')
    expect(snapshot(d2)).toBe(snapshot(d1))
  })

  it('notifies observers of local and remote changes, until unsubscribed', () => {
    const [doc, other] = [new Y.Doc(), new Y.Doc()]
    let calls = 0
    const stop = observeLog(doc, () => calls++)
    const id = createExchange(doc, { title: 't', mission: 'EU', authorId: 'u' })
    updateItem(doc, id, { body: 'b' })
    createAction(other, { title: 'remote', mission: 'EU', authorId: 'u' })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    expect(calls).toBe(3)
    stop()
    createExchange(doc, { title: 't2', mission: 'EU', authorId: 'u' })
    expect(calls).toBe(3)
  })
})

describe('log-doc: tolerant reading', () => {
  it('reads invalid entries, flags each problem and keeps the others intact', () => {
    const doc = new Y.Doc()
    const good = createAction(doc, { title: 'Good', mission: 'EU', authorId: 'u', createdAt: '2026-01-01T00:00:00Z' })
    const bad = new Y.Map<unknown>()
    doc.getMap('actions').set('bad', bad)
    for (const [k, v] of Object.entries({ id: 'bad', title: 42, status: 'exploded', due: 'tomorrow', themes: 'ai', createdAt: 'yesterday', crossCutting: 'yes', updatedAt: 7, unknownKey: { nested: true } })) bad.set(k, v)
    doc.getMap('exchanges').set('not-a-map', 'just a string')
    doc.getMap('exchanges').set('empty', new Y.Map())
    const readBad = readLogItem(doc, 'bad')!
    expect(readBad.issues).toEqual(expect.arrayContaining([
      'title: not text', 'status: invalid', 'due: not a YYYY-MM-DD date', 'themes: not a list',
      'createdAt: not a date', 'crossCutting: not a boolean', 'updatedAt: not a date', 'mission: missing', 'authorId: missing',
    ]))
    expect(readBad).toMatchObject({ title: '', status: null, due: null, themes: [], createdAt: '', crossCutting: false })
    expect(readLogItem(doc, 'not-a-map')!.issues).toEqual(['entry: not a map'])
    expect(readLogItem(doc, 'empty')!.issues).toEqual(expect.arrayContaining(['id: does not match the entry key', 'title: missing', 'themes: missing']))
    expect(readLogItem(doc, good)!.issues).toEqual([])
    expect(readActions(doc).map((a) => a.id)).toEqual([good, 'bad'])
    expect(readExchanges(doc)).toHaveLength(2)
  })

  it('caps huge strings and lists in the view only, with a flag', () => {
    const doc = new Y.Doc()
    const id = createExchange(doc, { title: 'x'.repeat(5_000), body: 'y'.repeat(VIEW_TEXT_CAP + 10), mission: 'EU', authorId: 'u', themes: Array.from({ length: 250 }, (_, i) => `t${i}`) })
    const view = readLogItem(doc, id)!
    expect(view.title).toHaveLength(2_000)
    expect(view.body).toHaveLength(VIEW_TEXT_CAP)
    expect(view.themes).toHaveLength(200)
    expect(view.issues).toEqual(['title: longer than 2000 characters', `body: longer than ${VIEW_TEXT_CAP} characters`, 'themes: more than 200 values'])
    const entry = doc.getMap<Y.Map<unknown>>('exchanges').get(id)!
    expect((entry.get('title') as string).length).toBe(5_000)
    expect(entry.get('body')!.toString().length).toBe(VIEW_TEXT_CAP + 10)
  })

  it('flags invalid list values and extra keys of the wrong type, keeping the valid values', () => {
    const doc = new Y.Doc()
    const id = createExchange(doc, { title: 't', mission: 'EU', authorId: 'u', themes: ['ai'], extra: { inputStatus: 'maybe', inputRequestedAt: 'soon' } })
    ;(doc.getMap<Y.Map<unknown>>('exchanges').get(id)!.get('themes') as Y.Array<unknown>).push([7, '', 'dpi'])
    const view = readLogItem(doc, id)!
    expect(view.themes).toEqual(['ai', 'dpi'])
    expect(view.issues).toEqual(['themes: has invalid values', 'inputStatus: invalid', 'inputRequestedAt: not a date'])
  })

  it('keeps unknown keys through updates and across replicas', () => {
    const [d1, d2] = [new Y.Doc(), new Y.Doc()]
    const id = createAction(d1, { title: 't', mission: 'EU', authorId: 'u', extra: { ggProjectId: 'gg-1', linkedItems: ['ex-1'] } })
    d1.getMap<Y.Map<unknown>>('actions').get(id)!.set('futureField', 'from a newer client')
    updateItem(d1, id, { title: 'changed', status: 'done', outcome: 'Done as planned' })
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1))
    const entry = d2.getMap<Y.Map<unknown>>('actions').get(id)!
    expect(entry.get('futureField')).toBe('from a newer client')
    expect(entry.get('ggProjectId')).toBe('gg-1')
    expect((entry.get('linkedItems') as Y.Array<string>).toArray()).toEqual(['ex-1'])
    expect(readLogItem(d2, id)).toMatchObject({ title: 'changed', issues: [] })
  })
})

/** One replica's step: a random create, update, delete, or a bad write by a careless client. */
function randomEdit(doc: Y.Doc, ids: string[], random: () => number, step: number): void {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]
  const r = random()
  if (r < 0.25 || ids.length === 0) {
    const base = { title: `item ${step}`, mission: pick(['EU', 'DE', 'FR']), authorId: `u${step % 5}`, body: 'body text', createdAt: `2026-0${1 + (step % 9)}-01T00:00:00Z` }
    ids.push(random() < 0.5 ? createExchange(doc, base) : createAction(doc, { ...base, due: '2026-12-31' }))
  } else if (r < 0.85) {
    const patch = [
      { status: pick(ACTION_STATUSES) },
      { body: `body ${step} text` },
      { themes: [`t${step % 4}`, 'ai'] },
      { title: `edit ${step}` },
      { crossCutting: random() < 0.5, inputStatus: pick(['open', 'awaiting_input'] as const) },
      { due: random() < 0.5 ? null : `2026-1${step % 3}-15` },
      { missions: ['EU', pick(['DE', 'NL'])] },
    ]
    updateItem(doc, pick(ids), pick(patch), new Date(Date.UTC(2026, 5, 1, 0, 0, step)))
  } else if (r < 0.95) {
    deleteItem(doc, pick(ids))
  } else {
    const entry = doc.getMap<unknown>(pick(['exchanges', 'actions'])).get(pick(ids))
    if (entry instanceof Y.Map) entry.set(pick(['title', 'status', 'themes', 'createdAt']), pick([42, null, 'garbage', true]))
  }
}

describe('log-doc: convergence', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`replicas converge under random concurrent edits delivered in random order (seed ${seed})`, () => {
      const random = rng(seed)
      const docs = Array.from({ length: 4 }, () => new Y.Doc())
      // Per-recipient inboxes, drained in random order and sometimes twice (a reconnect resends).
      const inbox: Uint8Array[][] = docs.map(() => [])
      docs.forEach((d, i) =>
        d.on('update', (u: Uint8Array, origin: unknown) => {
          if (origin !== 'remote') inbox.forEach((box, j) => j !== i && box.push(u))
        }),
      )
      const deliver = (j: number, n: number) => {
        for (let k = 0; k < n && inbox[j].length; k++) {
          const u = inbox[j].splice(Math.floor(random() * inbox[j].length), 1)[0]
          Y.applyUpdate(docs[j], u, 'remote')
          if (random() < 0.05) Y.applyUpdate(docs[j], u, 'remote')
        }
      }
      const ids: string[] = []
      for (let step = 0; step < 400; step++) {
        const j = Math.floor(random() * docs.length)
        if (random() < 0.3) deliver(j, 1 + Math.floor(random() * 6))
        else randomEdit(docs[j], ids, random, step)
      }
      docs.forEach((_, j) => deliver(j, Infinity))
      for (const d of docs) expect(d.store.pendingStructs).toBeNull()
      const views = docs.map(snapshot)
      for (const v of views) expect(v).toBe(views[0])
      const all = [...readExchanges(docs[0]), ...readActions(docs[0])]
      expect(all.length).toBeGreaterThan(0)
      // Entries broken by careless writes are flagged; every other entry still reads clean.
      for (const item of all) if (item.issues.length === 0) expect(item.title).not.toBe('')
    })
  }
})
