import { describe, expect, it, vi } from 'vitest'
import type { Kysely } from 'kysely'
import type { Database } from '../../../../server/db/schema.js'
import type { Logger } from '../../../../server/logger.js'
import { createCollabMetrics } from '../../../../server/collab/collab-metrics.js'
import { WriteBatch, type QueuedWrite } from '../../../../server/collab/write-batch.js'

/**
 * WriteBatch's only database call is appendUpdates' one INSERT … RETURNING seq. A stand-in for that
 * chain lets each test hold a commit in flight, fail it, and see exactly which rows went together;
 * the real INSERT is covered on both engines by the integration tests.
 */
function fakeDb() {
  const inserts: string[][] = []
  let seq = 0
  let failuresLeft = 0
  let gate: Promise<void> | null = null
  const db = {
    insertInto: (table: string) => {
      expect(table).toBe('doc_updates')
      return {
        values: (rows: { doc: string; update: Uint8Array; user_id: string | null }[]) => ({
          returning: () => ({
            execute: async () => {
              if (gate) await gate
              if (failuresLeft > 0) {
                failuresLeft--
                throw new Error('connection refused')
              }
              inserts.push(rows.map((r) => r.doc))
              return rows.map(() => ({ seq: ++seq }))
            },
          }),
        }),
      }
    },
  }
  return {
    db: db as unknown as Kysely<Database>,
    inserts,
    failNext(n: number) {
      failuresLeft = n
    },
    /** Holds every commit until the returned function is called. */
    hold(): () => void {
      let open!: () => void
      gate = new Promise((r) => (open = r))
      return () => {
        gate = null
        open()
      }
    },
  }
}

function setup(maxBatch?: number) {
  const fake = fakeDb()
  const warnings: unknown[] = []
  const logger = { warn: (obj: unknown) => warnings.push(obj) } as unknown as Logger
  const metrics = createCollabMetrics()
  const commits: { docs: string[]; seqs: number[] }[] = []
  const batch = new WriteBatch(fake.db, logger, metrics, (writes, seqs) => commits.push({ docs: writes.map((w) => w.doc), seqs }), undefined, maxBatch)
  const write = (doc: string): QueuedWrite => ({ doc, update: new Uint8Array([0, 0]), userId: null, onCommitted: () => {} })
  return { ...fake, warnings, metrics, commits, batch, write }
}

/** Resolves once `check` holds, polling each turn of the event loop; fails after `ms`. */
async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setImmediate(r))
  }
}

describe('WriteBatch: group commit', () => {
  it('sends the updates pushed in one turn together, in push order, and reports their seqs in that order', async () => {
    const t = setup()
    for (const doc of ['a', 'b', 'c']) t.batch.push(t.write(doc))
    expect(t.batch.size).toBe(3)
    expect(await t.batch.drain()).toBe(true)
    expect(t.inserts).toEqual([['a', 'b', 'c']])
    expect(t.commits).toEqual([{ docs: ['a', 'b', 'c'], seqs: [1, 2, 3] }])
    expect(t.batch.size).toBe(0)
  })

  it('queues what arrives while a commit is in flight for the next one, all of it in one INSERT', async () => {
    const t = setup()
    const release = t.hold()
    t.batch.push(t.write('first'))
    await until(() => t.batch.size === 0)
    for (const doc of ['second', 'third']) t.batch.push(t.write(doc))
    // Nothing is reported before its INSERT has answered: nothing is relayed before it is stored.
    expect(t.commits).toEqual([])
    expect(t.batch.size).toBe(2)
    release()
    expect(await t.batch.drain()).toBe(true)
    expect(t.inserts).toEqual([['first'], ['second', 'third']])
    expect(t.commits.map((c) => c.seqs)).toEqual([[1], [2, 3]])
  })

  it('splits a long queue into INSERTs of at most maxBatch, oldest first', async () => {
    const t = setup(2)
    for (const doc of ['1', '2', '3', '4', '5']) t.batch.push(t.write(doc))
    expect(await t.batch.drain()).toBe(true)
    expect(t.inserts).toEqual([['1', '2'], ['3', '4'], ['5']])
    expect(t.commits.flatMap((c) => c.seqs)).toEqual([1, 2, 3, 4, 5])
  })

  it('observes the size of every batch it commits', async () => {
    const t = setup(2)
    for (const doc of ['1', '2', '3']) t.batch.push(t.write(doc))
    await t.batch.drain()
    const sizes = (await t.metrics.batchSize.get()).values.find((v) => v.metricName === 'hubwork_write_batch_size_sum')
    expect(sizes?.value).toBe(3)
  })
})

describe('WriteBatch: a failing database', () => {
  it('keeps a failed batch at the head of the queue and commits it, in order, once the database answers', async () => {
    const t = setup()
    t.failNext(2)
    t.batch.push(t.write('a'))
    t.batch.push(t.write('b'))
    await until(() => t.warnings.length === 1)
    // Pushed after the failure: it waits behind the batch that failed.
    t.batch.push(t.write('c'))
    expect(t.commits).toEqual([])
    expect(t.batch.size).toBe(3)
    // drain() retries at once instead of waiting out the backoff.
    expect(await t.batch.drain()).toBe(true)
    expect(t.inserts).toEqual([['a', 'b', 'c']])
    expect(t.commits).toEqual([{ docs: ['a', 'b', 'c'], seqs: [1, 2, 3] }])
    expect((await t.metrics.commitFailures.get()).values[0].value).toBe(2)
  })

  it('backs off after each failure, doubling from 50 ms and never beyond 5 s, and retries no sooner', async () => {
    // A fake clock for the retry timer only: the flush itself runs on setImmediate, untouched.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const t = setup()
      t.failNext(10)
      t.batch.push(t.write('a'))
      for (let i = 0; i < 10; i++) {
        await until(() => t.warnings.length === i + 1)
        const { retryMs } = t.warnings[i] as { retryMs: number }
        vi.advanceTimersByTime(retryMs - 1)
        await new Promise((r) => setImmediate(r))
        expect(t.warnings).toHaveLength(i + 1)
        vi.advanceTimersByTime(1)
      }
      await until(() => t.commits.length === 1)
      expect(t.warnings.map((w) => (w as { retryMs: number }).retryMs)).toEqual([50, 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000])
      expect(t.commits).toEqual([{ docs: ['a'], seqs: [1] }])
    } finally {
      vi.useRealTimers()
    }
  })

  it('drain() gives up after its timeout while the database stays down, keeping every update', async () => {
    const t = setup()
    t.failNext(Number.POSITIVE_INFINITY)
    t.batch.push(t.write('a'))
    expect(await t.batch.drain(30)).toBe(false)
    expect(t.commits).toEqual([])
    expect(t.batch.size).toBe(1)
    t.failNext(0)
    expect(await t.batch.drain()).toBe(true)
    expect(t.commits).toEqual([{ docs: ['a'], seqs: [1] }])
  })
})
