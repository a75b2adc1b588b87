import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate, connectionBuckets, DEFAULT_LIMITS, TokenBucket } from '../../../../server/collab/guards.js'

describe('TokenBucket', () => {
  // The bucket reads Date.now(): a fake clock makes refills exact instead of timing-dependent.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('starts full: a burst passes, the next take fails', () => {
    const bucket = new TokenBucket(10, 3)
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true])
    expect(bucket.take()).toBe(false)
  })

  it('refills at its rate as time passes', () => {
    const bucket = new TokenBucket(4, 4)
    for (let i = 0; i < 4; i++) bucket.take()
    vi.advanceTimersByTime(249)
    expect(bucket.take()).toBe(false)
    vi.advanceTimersByTime(1)
    expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
    vi.advanceTimersByTime(500)
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false])
  })

  it('never holds more than its burst, however long it was idle', () => {
    const bucket = new TokenBucket(100, 5)
    vi.advanceTimersByTime(3_600_000)
    expect(bucket.take(5)).toBe(true)
    expect(bucket.take()).toBe(false)
  })

  it('takes n at once, and a refused take costs nothing', () => {
    const bucket = new TokenBucket(1, 10)
    expect(bucket.take(7)).toBe(true)
    expect(bucket.take(4)).toBe(false)
    expect(bucket.take(3)).toBe(true)
    expect(bucket.take(1)).toBe(false)
  })

  it('a failed take does not restart the refill: waiting still earns tokens', () => {
    const bucket = new TokenBucket(2, 1)
    bucket.take()
    vi.advanceTimersByTime(250)
    expect(bucket.take()).toBe(false)
    vi.advanceTimersByTime(250)
    expect(bucket.take()).toBe(true)
  })
})

describe('connectionBuckets', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lets five sync requests through at once, then two a second', () => {
    const { syncRequests } = connectionBuckets(DEFAULT_LIMITS, 1024 * 1024)
    expect(Array.from({ length: 6 }, () => syncRequests.take())).toEqual([true, true, true, true, true, false])
    vi.advanceTimersByTime(500)
    expect(syncRequests.take()).toBe(true)
    expect(syncRequests.take()).toBe(false)
  })

  it('bursts twice the message rate', () => {
    const { messages } = connectionBuckets({ ...DEFAULT_LIMITS, messagesPerSecond: 3 }, 1024)
    expect(Array.from({ length: 7 }, () => messages.take())).toEqual([true, true, true, true, true, true, false])
  })

  it('always fits two frames of the largest size in the byte burst, even at a low byte rate', () => {
    const maxFrame = 1024 * 1024
    const { bytes } = connectionBuckets({ ...DEFAULT_LIMITS, bytesPerSecond: 1000 }, maxFrame)
    expect(bytes.take(maxFrame)).toBe(true)
    expect(bytes.take(maxFrame)).toBe(true)
    expect(bytes.take(1)).toBe(false)
  })
})

describe('checkUpdate', () => {
  /** A document whose client id is fixed, with `n` characters typed. */
  const writer = (clientID: number, n: number) => {
    const doc = new Y.Doc()
    doc.clientID = clientID
    doc.getText('t').insert(0, 'x'.repeat(n))
    return doc
  }
  const clocksOf = (doc: Y.Doc) => (client: number) => Y.decodeStateVector(Y.encodeStateVector(doc)).get(client) ?? 0
  const nobody = () => undefined
  const self = { connection: 'self' }
  const other = { connection: 'other' }

  it('accepts a fresh update and names the clock each client id reaches', () => {
    const update = Y.encodeStateAsUpdate(writer(11, 5))
    expect(checkUpdate(update, () => 0, nobody, self)).toEqual({ clients: new Map([[11, 5]]) })
  })

  it('accepts an update continuing exactly where the document is', () => {
    const doc = writer(11, 5)
    const server = new Y.Doc()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc))
    const sv = Y.encodeStateVector(doc)
    doc.getText('t').insert(5, 'yz')
    expect(checkUpdate(Y.encodeStateAsUpdate(doc, sv), clocksOf(server), nobody, self)).toEqual({ clients: new Map([[11, 7]]) })
  })

  it('refuses an update starting ahead of the document (a clock gap that would wait forever)', () => {
    const doc = writer(11, 1)
    const sv = Y.encodeStateVector(doc)
    doc.getText('t').insert(1, 'later')
    const result = checkUpdate(Y.encodeStateAsUpdate(doc, sv), () => 0, nobody, self)
    expect(result).toEqual({ reason: 'update starts at clock 1 of client 11, ahead of the document' })
  })

  it('counts pending writes as known: the caller passes state vector plus pending', () => {
    const doc = writer(11, 1)
    const sv = Y.encodeStateVector(doc)
    doc.getText('t').insert(1, 'more')
    expect(checkUpdate(Y.encodeStateAsUpdate(doc, sv), (c) => (c === 11 ? 1 : 0), nobody, self)).toEqual({ clients: new Map([[11, 5]]) })
  })

  it('refuses new structs under a client id another connection owns', () => {
    const update = Y.encodeStateAsUpdate(writer(42, 3))
    expect(checkUpdate(update, () => 0, (c) => (c === 42 ? other : undefined), self)).toEqual({
      reason: 'client id 42 belongs to another connection',
    })
  })

  it('accepts structs under a client id the same connection owns', () => {
    const update = Y.encodeStateAsUpdate(writer(42, 3))
    expect(checkUpdate(update, () => 0, () => self, self)).toEqual({ clients: new Map([[42, 3]]) })
  })

  it("lets a re-send of structs the document already has through, whoever owns the id (it changes nothing)", () => {
    const doc = writer(42, 3)
    const server = new Y.Doc()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc))
    expect(checkUpdate(Y.encodeStateAsUpdate(doc), clocksOf(server), () => other, self)).toEqual({ clients: new Map([[42, 3]]) })
  })

  it('checks every client id of a merged update: one bad id refuses the whole update', () => {
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(writer(1, 2)), Y.encodeStateAsUpdate(writer(2, 2))])
    const owner = (c: number) => (c === 2 ? other : undefined)
    expect(checkUpdate(merged, () => 0, owner, self)).toEqual({ reason: 'client id 2 belongs to another connection' })
  })

  it('refuses bytes that are not an update', () => {
    for (const junk of [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([200, 200, 200, 200, 200, 200]), new Uint8Array([])]) {
      expect(checkUpdate(junk, () => 0, nobody, self), String(junk)).toEqual({ reason: 'malformed update' })
    }
  })

  it('accepts the empty update (nothing to write)', () => {
    expect(checkUpdate(new Uint8Array([0, 0]), () => 0, nobody, self)).toEqual({ clients: new Map() })
  })
})
