#!/usr/bin/env node
// Builds the browser client (vite → dist/client) and the server (esbuild → dist-server).
//
//   node scripts/build.mjs [client|server]...  [--if-stale]
//
// With --if-stale a part is built only when its output is missing or older than any of its
// sources (files and folders: a deleted or renamed source changes its folder's time too), so
// `npm start` on a built checkout starts the server at once. Plain JavaScript: no TypeScript
// loader to start before the check.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const ifStale = args.includes('--if-stale')
const wanted = args.filter((a) => !a.startsWith('--'))
const parts = wanted.length ? wanted : ['client', 'server']

/** What each part is built from, and the file whose time says when it was last built. */
const PARTS = {
  client: {
    sources: ['client', 'shared', 'vite.config.ts', 'package-lock.json'],
    output: 'dist/client/index.html',
    build: buildClient,
  },
  server: {
    sources: ['server', 'shared', 'seeds', 'migrations', 'package-lock.json', 'scripts/build.mjs'],
    output: 'dist-server/main.js',
    build: buildServer,
  },
}

/** The newest modification time (ms) under `p`, folders included. */
function newest(p) {
  const st = statSync(p, { throwIfNoEntry: false })
  if (!st) return 0
  let t = st.mtimeMs
  if (st.isDirectory()) for (const e of readdirSync(p)) t = Math.max(t, newest(path.join(p, e)))
  return t
}

function stale(part) {
  const out = statSync(path.join(ROOT, part.output), { throwIfNoEntry: false })
  if (!out) return 'missing'
  const src = Math.max(...part.sources.map((s) => newest(path.join(ROOT, s))))
  return src > out.mtimeMs ? 'older than its sources' : null
}

function buildClient() {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('the client build failed (see above)')
}

async function buildServer() {
  const esbuild = await import('esbuild')
  // Chunk names carry hashes: start from an empty folder so no old chunk lingers.
  rmSync(path.join(ROOT, 'dist-server'), { recursive: true, force: true })
  // One ES module per entry; dependencies stay in node_modules (they are loaded, not bundled).
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: {
      main: 'server/main.ts',
      'backup-main': 'server/backup/backup-main.ts',
      'reproject-main': 'server/projection/reproject-main.ts',
      // The heavy-task worker thread is a script of its own (server/cpu/cpu-pool.ts starts it).
      'cpu-worker': 'server/cpu/cpu-worker.ts',
    },
    outdir: 'dist-server',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
}

for (const name of parts) {
  const part = PARTS[name]
  if (!part) {
    console.error(`build: unknown part ${name} (client, server)`)
    process.exit(2)
  }
  const why = ifStale ? stale(part) : 'asked'
  if (!why) continue
  const started = Date.now()
  if (ifStale) console.log(`Building the ${name} (${part.output} is ${why})…`)
  try {
    await part.build()
  } catch (err) {
    console.error(`build: ${err instanceof Error ? err.message : err}`)
    process.exit(1)
  }
  if (!existsSync(path.join(ROOT, part.output))) {
    console.error(`build: ${part.output} was not written`)
    process.exit(1)
  }
  if (ifStale) console.log(`Built the ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}
