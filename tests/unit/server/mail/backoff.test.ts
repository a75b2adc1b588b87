import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../../../server/mail/mail-worker.js'

describe('mail retry backoff', () => {
  it('doubles from the first delay after each failure, up to the cap', () => {
    const o = { backoffMs: 30_000, maxBackoffMs: 3_600_000 }
    expect([1, 2, 3, 4, 5, 8, 50].map((n) => backoffDelay(n, o))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000])
  })
})
