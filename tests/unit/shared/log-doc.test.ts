import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  createAction,
  createExchange,
  deleteItem,
  observeLog,
  readActions,
  readExchanges,
  readLogItem,
  updateItem,
  ACTION_STATUSES,
} from '../../../shared/log-doc.js'

/** A small seeded PRNG (mulberry32): the same seed gives the same edits on every run. */
function rng(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('log-doc', () => {
  it('writes and reads exchanges and actions, newest first', () => {
    const doc = new Y.Doc()
    const a = createExchange(doc, { title: 'Older', mission: 'EU', authorId: 'u1', themes: ['ai'], createdAt: '2026-01-01T00:00:00Z' })
    const b = createExchange(doc, { title: 'Newer', body: 'Texte français', mission: 'DE', authorId: 'u2', crossCutting: true, createdAt: '2026-02-01T00:00:00Z' })
    const c = createAction(doc, { title: 'Act', mission: 'FR', authorId: 'u1', due: '2026-03-01', missions: ['FR', 'EU'] })
    expect(readExchanges(doc).map((e) => e.id)).toEqual([b, a])
    expect(readExchanges(doc)[0]).toMatchObject({ body: 'Texte français', crossCutting: true, issues: [] })
    expect(readActions(doc)[0]).toMatchObject({ id: c, status: 'planned', due: '2026-03-01', missions: ['FR', 'EU'], leadMission: 'FR', issues: [] })
    updateItem(doc, c, { status: 'done', body: 'done now' })
    expect(readLogItem(doc, c)).toMatchObject({ status: 'done', body: 'done now' })
    expect(deleteItem(doc, a)).toBe(true)
    expect(readLogItem(doc, a)).toBeNull()
  })

  it('reads invalid entries, flags them and keeps the others intact', () => {
    const doc = new Y.Doc()
    const good = createAction(doc, { title: 'Good', mission: 'EU', authorId: 'u' })
    const exchanges = doc.getMap('exchanges')
    const actions = doc.getMap('actions')
    const bad = new Y.Map<unknown>()
    actions.set('bad', bad)
    bad.set('id', 'bad')
    bad.set('title', 42)
    bad.set('status', 'exploded')
    bad.set('due', 'tomorrow')
    bad.set('themes', 'ai')
    bad.set('unknownKey', { nested: true })
    exchanges.set('not-a-map', 'just a string')
    const huge = new Y.Map<unknown>()
    exchanges.set('huge', huge)
    huge.set('id', 'huge')
    huge.set('title', 'x'.repeat(5_000))
    huge.set('themes', Y.Array.from(['ai', 7 as unknown as string]))
    const readBad = readLogItem(doc, 'bad')!
    expect(readBad.issues).toEqual(expect.arrayContaining(['title: not text', 'status: missing or invalid', 'due: not a YYYY-MM-DD date', 'themes: not a list']))
    expect(readLogItem(doc, 'not-a-map')!.issues).toEqual(['entry: not a map'])
    const readHuge = readLogItem(doc, 'huge')!
    expect(readHuge.title.length).toBe(2_000)
    expect(readHuge.themes).toEqual(['ai'])
    expect(readHuge.issues).toEqual(expect.arrayContaining(['title: longer than 2000 characters', 'themes: has invalid values']))
    expect(readLogItem(doc, good)!.issues).toEqual([])
    expect(readActions(doc)).toHaveLength(2)
  })

  it('notifies observers of any change', () => {
    const doc = new Y.Doc()
    let calls = 0
    const stop = observeLog(doc, () => calls++)
    const id = createExchange(doc, { title: 't', mission: 'EU', authorId: 'u' })
    updateItem(doc, id, { body: 'b' })
    stop()
    createExchange(doc, { title: 't2', mission: 'EU', authorId: 'u' })
    expect(calls).toBe(2)
  })

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`converges under random concurrent edits (seed ${seed})`, () => {
      const random = rng(seed)
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
      const pending: { from: number; update: Uint8Array }[] = []
      docs.forEach((d, i) => d.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && pending.push({ from: i, update: u })))
      const ids: string[] = []
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]
      for (let step = 0; step < 300; step++) {
        const d = pick(docs)
        const r = random()
        if (r < 0.25 || ids.length === 0) {
          ids.push(random() < 0.5
            ? createExchange(d, { title: `e${step}`, mission: 'EU', authorId: 'u', body: 'body' })
            : createAction(d, { title: `a${step}`, mission: 'DE', authorId: 'u' }))
        } else if (r < 0.8) {
          updateItem(d, pick(ids), { status: pick(ACTION_STATUSES), body: `body ${step}`, themes: [`t${step % 4}`], title: `edit ${step}` })
        } else if (r < 0.9) {
          deleteItem(d, pick(ids))
        } else {
          // deliver a random subset of pending updates out of order
          for (let k = 0; k < 5 && pending.length; k++) {
            const { from, update } = pending.splice(Math.floor(random() * pending.length), 1)[0]
            docs.forEach((other, j) => j !== from && Y.applyUpdate(other, update, 'remote'))
          }
        }
      }
      for (const { from, update } of pending.splice(0)) docs.forEach((other, j) => j !== from && Y.applyUpdate(other, update, 'remote'))
      const views = docs.map((d) => JSON.stringify([readExchanges(d), readActions(d)]))
      expect(views[1]).toBe(views[0])
      expect(views[2]).toBe(views[0])
    })
  }
})
