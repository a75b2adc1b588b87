import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChildServer, type ChildServer } from '../support/child-server.js'
import { client } from '../support/http.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/**
 * The compiled server (esbuild → dist-server/) starts its worker thread from the built
 * `cpu-worker.js`, not from the TypeScript source the other tests load through tsx.
 */
describe('the built server', () => {
  let server: ChildServer
  let dataDir: string
  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs', 'server', '--if-stale'], { cwd: ROOT, encoding: 'utf8' })
    expect(built.status, built.stderr).toBe(0)
    dataDir = mkdtempSync(path.join(tmpdir(), 'hubwork-built-'))
    server = await startChildServer({ DATA_DIR: dataDir, SEED_DEMO: '1' }, undefined, ['dist-server/main.js'])
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('renders a PDF progress report on its worker thread', async () => {
    const hq = client(server.url, server.origin)
    expect((await hq.login('anna.exemplar@demo.example', 'hubwork-demo-2026')).status).toBe(200)
    const res = await hq.request('GET', '/api/reports/progress?from=2020-01-01&to=2030-12-31&format=pdf')
    expect(res.status, res.text.slice(0, 300)).toBe(200)
    expect(res.text.startsWith('%PDF')).toBe(true)
  }, 60_000)
})
