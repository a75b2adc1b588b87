/**
 * The JavaScript each page of the app loads, gzipped, from the build's manifest (vite `build.manifest`):
 * the entry and everything it imports statically, plus the page's own chunk and its static imports.
 * Chunks a page loads later by itself (the dashboard's charts) are listed apart, and so is the
 * editor, which the hub page fetches alongside the brief and notes tabs (client/editor/lazy-editor.tsx).
 * Then the shell's other on-demand chunks (the French and Italian catalogs). Each page is checked
 * against the target, ≤ 200 kB at load: a benchmark's verdict, printed, not a test.
 *
 *   node scripts/build.mjs client && npx tsx tests/load/client-weight.ts [--json]
 *
 * `measureClientWeight` and `formatClientWeight` are exported for `npm run bench`.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

interface Chunk {
  file: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}

/** Every page's JS at load and what the shell fetches on demand, kB gzipped (level 9). */
export interface ClientWeight {
  targetKB: number
  /** The larger of the fr/it catalogs: a French or Italian page loads it too. */
  catalogKB: number
  /** `kB` at load in English, `later` loaded afterwards by the page itself (0 when nothing). */
  pages: { page: string; kB: number; later: number }[]
  shellOnDemand: { chunk: string; kB: number }[]
}

const ROOT = path.resolve(import.meta.dirname, '..', '..')
/** The built client (`node scripts/build.mjs client`). */
const BUILT_CLIENT = path.join(ROOT, 'dist', 'client')
const TARGET_KB = 200
/** Chunks the shell imports on demand for a page, fetched alongside the page's own (client/pages/hub-page.tsx). */
const WITH_PAGE: Record<string, string[]> = {
  'editor/collab-editor.tsx': ['features/brief/brief-tab.tsx', 'features/notes/notes-tab.tsx'],
}

/** Reads the manifest of the client built in `dist` and weighs every page. */
export function measureClientWeight(dist = BUILT_CLIENT): ClientWeight {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>
  const gz = new Map<string, number>()
  const gzipped = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).byteLength)
    return gz.get(file)!
  }
  /** A chunk and its static imports, transitively: what the browser fetches before running it. */
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen
    seen.add(key)
    for (const i of manifest[key]?.imports ?? []) closure(i, seen)
    return seen
  }
  const kB = (keys: Iterable<string>) => [...keys].reduce((n, k) => n + gzipped(manifest[k].file), 0) / 1024

  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)!
  const entry = closure(entryKey)
  const pageKeys = (manifest[entryKey].dynamicImports ?? []).filter((k) => k.startsWith('features/'))
  const pages = [{ page: '(shell: sign-in, My hubs)', kB: kB(entry), later: 0 }]
  for (const page of pageKeys) {
    const all = closure(page, new Set(entry))
    // What the page's own code imports on demand (the shell's own lazy chunks are not the page's),
    // and the chunks fetched alongside it.
    const later = new Set<string>()
    const add = (d: string) => {
      for (const c of closure(d)) if (!all.has(c) && !entry.has(c)) later.add(c)
    }
    for (const k of all) {
      if (entry.has(k)) continue
      for (const d of manifest[k].dynamicImports ?? []) if (!pageKeys.includes(d)) add(d)
    }
    for (const [d, with_] of Object.entries(WITH_PAGE)) if (manifest[d] && with_.includes(page)) add(d)
    pages.push({ page: page.replace(/^features\//, '').replace(/\.tsx$/, ''), kB: kB(all), later: kB(later) })
  }

  // The shell's other chunks loaded on demand (not pages, not fetched with one): e.g. a catalog.
  const shellOnDemand: { chunk: string; kB: number }[] = []
  const seenLater = new Set<string>()
  for (const k of entry) {
    for (const d of manifest[k].dynamicImports ?? []) {
      if (pageKeys.includes(d) || d in WITH_PAGE || seenLater.has(d)) continue
      seenLater.add(d)
      shellOnDemand.push({ chunk: d.replace(/^.*node_modules\//, ''), kB: kB([...closure(d)].filter((c) => !entry.has(c))) })
    }
  }
  // English ships with the shell; a French or Italian page loads its catalog too: the check takes the larger.
  const catalogKB = Math.max(0, ...shellOnDemand.filter((c) => c.chunk.startsWith('i18n/messages/')).map((c) => c.kB))
  return { targetKB: TARGET_KB, catalogKB, pages, shellOnDemand }
}

/** A page's worst case at load: in French or Italian, with the catalog. */
export const worstOf = (w: ClientWeight, page: { kB: number }) => page.kB + w.catalogKB

/** The table, the shell's on-demand chunks and the verdict, as lines of text. */
export function formatClientWeight(w: ClientWeight): string[] {
  const lines = [
    `page | JS at load, kB gzipped (English) | with the fr/it catalog | ≤ ${w.targetKB} kB? | loaded later by the page (brief, notes: the editor, fetched alongside), kB gzipped`,
  ]
  for (const r of w.pages) lines.push(`${r.page} | ${r.kB.toFixed(1)} | ${worstOf(w, r).toFixed(1)} | ${worstOf(w, r) <= w.targetKB ? 'yes' : 'NO'} | ${r.later ? r.later.toFixed(1) : '-'}`)
  lines.push('', 'the shell on demand (not at load) | kB gzipped')
  for (const c of w.shellOnDemand) lines.push(`${c.chunk} | ${c.kB.toFixed(1)}`)
  lines.push('', formatClientVerdict(w))
  return lines
}

/** The heaviest page and whether every page meets the target: one line each. */
export function formatClientVerdict(w: ClientWeight): string {
  const worst = w.pages.reduce((a, b) => (b.kB > a.kB ? b : a))
  const over = w.pages.filter((r) => worstOf(w, r) > w.targetKB)
  return [
    `heaviest page at load: ${worst.page}, ${worst.kB.toFixed(1)} kB, ${worstOf(w, worst).toFixed(1)} kB with a catalog (target ≤ ${w.targetKB} kB)`,
    over.length ? `target missed by ${over.length} page(s): ${over.map((r) => r.page).join(', ')}` : `target met: every page ≤ ${w.targetKB} kB at load`,
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const w = measureClientWeight()
  if (process.argv.includes('--json')) console.log(JSON.stringify(w))
  else console.log(formatClientWeight(w).join('\n'))
}
