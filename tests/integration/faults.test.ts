import { describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { NGINX_MISSING, nginxBinary } from '../support/nginx.js'
import { runFaults } from '../support/fault-harness.js'

/**
 * The short version of `npm run soak` (tests/load/soak.ts): three processes behind nginx on one
 * PostgreSQL, 30 editors, three kill -9 and one PostgreSQL restart. Nothing a peer saw may be
 * missing from the database, and every client converges. Figures are printed, not asserted.
 */
describe.skipIf(!ENGINES.includes('postgres'))('postgres: faults under load behind nginx', () => {
  it('loses no update and converges through three kill -9 and a PostgreSQL restart', async () => {
    if (!nginxBinary()) throw new Error(NGINX_MISSING)
    const report = await runFaults({
      clients: 30,
      docs: 3,
      durationMs: 20_000,
      killEveryMs: 5_000,
      maxKills: 3,
      pgRestartAtMs: 12_500,
      pgDownMs: 1_500,
      editEveryMs: 500,
      settleMs: 60_000,
      log: process.env.FAULT_LOG ? (l) => console.log(l) : undefined,
    })
    console.log(`faults: ${JSON.stringify({ ...report, options: undefined })}`)
    expect(report.crashes).toBe(0)
    expect(report.kills).toBe(3)
    expect(report.pgRestarts).toBe(1)
    expect(report.lost).toBe(0)
    expect(report.lostWritten).toBe(0)
    expect(report.converged).toBe(true)
    // Every edit made while PostgreSQL was down reached the database once it was back.
    expect(report.pgRestart!.storedAfter).toBe(report.pgRestart!.editsWhileDown)
  }, 200_000)
})
