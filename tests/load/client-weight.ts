/**
 * The JavaScript each page of the app loads, gzipped, from the build's manifest (vite `build.manifest`):
 * the entry and everything it imports statically, plus the page's own chunk and its static imports.
 * Chunks a page loads later by itself (the dashboard's charts) are listed apart.
 *
 *   node scripts/build.mjs client && npx tsx tests/load/client-weight.ts [--json]
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

interface Chunk {
  file: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const DIST = path.join(ROOT, 'dist', 'client')
const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>

const gz = new Map<string, number>()
const gzipped = (file: string) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).byteLength)
  return gz.get(file)!
}

/** A chunk and its static imports, transitively: what the browser fetches before running it. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const i of manifest[key]?.imports ?? []) closure(i, seen)
  return seen
}
const kB = (keys: Iterable<string>) => [...keys].reduce((n, k) => n + gzipped(manifest[k].file), 0) / 1024

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)!
const entry = closure(entryKey)
const pages = (manifest[entryKey].dynamicImports ?? []).filter((k) => k.startsWith('features/'))
const rows = [{ page: '(shell: sign-in, My hubs)', kB: kB(entry), later: 0 }]
for (const page of pages) {
  const all = closure(page, new Set(entry))
  // What the page's own code imports on demand (the shell's own lazy chunks are not the page's).
  const later = new Set<string>()
  for (const k of all) {
    if (entry.has(k)) continue
    for (const d of manifest[k].dynamicImports ?? []) if (!pages.includes(d)) for (const c of closure(d)) if (!all.has(c)) later.add(c)
  }
  rows.push({ page: page.replace(/^features\//, '').replace(/\.tsx$/, ''), kB: kB(all), later: kB(later) })
}

if (process.argv.includes('--json')) console.log(JSON.stringify(rows))
else {
  console.log('page | JS at load, kB gzipped | loaded later by the page, kB gzipped')
  for (const r of rows) console.log(`${r.page} | ${r.kB.toFixed(1)} | ${r.later ? r.later.toFixed(1) : '-'}`)
  const worst = rows.reduce((a, b) => (b.kB > a.kB ? b : a))
  console.log(`heaviest page at load: ${worst.page}, ${worst.kB.toFixed(1)} kB (target ≤ 200 kB)`)
}
