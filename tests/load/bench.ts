/**
 * `npm run bench`: every performance figure of the app, each beside its target or reference, in
 * sections run one after the other:
 * - weight (target 6): every page's gzipped JS at load, ≤ 200 kB (client-weight.ts; builds the client if stale);
 * - sync: real y-websocket clients against Hubwork (PostgreSQL, authenticated, persist-before-relay)
 *   and against the stock in-memory y-websocket server, same load, same run: edit-to-peer latency,
 *   lost updates, CPU and memory, the ratios; the commit floor; a cold load after compaction (sync-bench.ts);
 * - lag (target 5): edit stored → item listed by the API, p99 < 1 s, measured during the
 *   500-client point against Hubwork (projection-lag.ts);
 * - rollup (target 3): a fresh `/api/rollup` at 150 hubs × 2,000 items, p95 < 100 ms on PostgreSQL and
 *   < 250 ms on PGlite, and the overdue list (rollup-bench.ts). Generating the data takes minutes: the
 *   section prints how long;
 * - longdoc (target 4): Chromium typing into a 20,000-word brief while 10 headless editors type:
 *   keystroke-to-screen, keystroke-to-peer, cold open (long-doc-bench.ts).
 * Then the summary, and the figures in bench/results/<time>.json (median of runs: bench-median.ts).
 * Flags: --only=weight,sync,lag,rollup,longdoc (default all) · --quick (every section small: a smoke run) ·
 * --seconds=N (per load point) · --points=a,b (1-based, of the list below).
 */
import { spawnSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { LoadPoint, PointResult } from './load.js'
import { formatCommitFloor } from './commit-floor.js'
import { runSyncBench, type SyncBench } from './sync-bench.js'
import { formatLag } from './projection-lag.js'
import { formatRollupBench, runRollupBench } from './rollup-bench.js'
import { formatClientWeight, measureClientWeight, worstOf } from './client-weight.js'
import { SECTION_NAMES, type BenchFile, type SectionName } from './bench-file.js'
import { formatLongDoc, runLongDocBench } from './long-doc-bench.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const quick = process.argv.includes('--quick')
const seconds = Number(flag('seconds') ?? (quick ? 5 : 20))
const ALL: LoadPoint[] = quick
  ? [
      { name: '50 clients/10 docs @1/s', clients: 50, docs: 10, rate: 1, seconds },
      { name: '10 clients/1 doc @10/s', clients: 10, docs: 1, rate: 10, seconds },
    ]
  : [
      { name: '100 clients/20 docs @1/s', clients: 100, docs: 20, rate: 1, seconds },
      { name: '500 clients/100 docs @1/s', clients: 500, docs: 100, rate: 1, seconds },
      { name: '1000 clients/200 docs @1/s', clients: 1000, docs: 200, rate: 1, seconds },
      { name: '20 clients/1 doc @10/s', clients: 20, docs: 1, rate: 10, seconds },
      { name: '10000 idle clients/2000 docs @1/min', clients: 10_000, docs: 2000, rate: 1 / 60, seconds },
    ]
/** The point target 5 is measured under: 500 clients on 100 documents (the quick run's first). */
const LAG_POINT = ALL[quick ? 0 : 1]
const pointsFlag = flag('points')?.split(',')
const points = pointsFlag ? ALL.filter((_, i) => pointsFlag.includes(String(i + 1))) : ALL
const onlyFlag = flag('only')?.split(',')
const unknown = onlyFlag?.filter((s) => !(SECTION_NAMES as readonly string[]).includes(s)) ?? []
if (unknown.length) throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; known: ${SECTION_NAMES.join(', ')}`)
const selected = new Set<SectionName>((onlyFlag as SectionName[] | undefined) ?? SECTION_NAMES)

const file: BenchFile = {
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version },
  quick,
  seconds,
  sections: SECTION_NAMES.filter((s) => selected.has(s)),
  durations: {},
  results: [],
  floor: null,
  coldLoad: null,
  lag: null,
  rollup: null,
  weight: null,
  longDoc: null,
}

// sync and lag are one run (the lag is measured during one of its points): whichever asks first starts it.
let syncRun: Promise<SyncBench> | null = null
const sync = () =>
  (syncRun ??= runSyncBench({
    points: selected.has('sync') ? points : [],
    lagPoint: selected.has('lag') ? LAG_POINT : null,
    extras: selected.has('sync'),
    coldUpdates: quick ? 10_000 : 100_000,
    floorRuns: quick ? 100 : 300,
    log: console.log,
  }))

/**
 * One section: `run` fills its fields of the result file and prints as it goes; `summary` gives its
 * lines of the final summary, each figure beside its target or reference.
 */
interface Section {
  name: SectionName
  title: string
  run: () => Promise<void>
  summary: () => string[]
}

const SECTIONS: Section[] = [
  {
    name: 'weight',
    title: 'Target 6, client weight: every page’s JS at load, gzipped (≤ 200 kB)',
    async run() {
      // A stale build would weigh yesterday's code.
      const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'client', '--if-stale'], { cwd: ROOT, stdio: 'inherit' })
      if (build.status !== 0) throw new Error('the client build failed')
      file.weight = measureClientWeight()
      console.log(formatClientWeight(file.weight).join('\n'))
    },
    summary: () => {
      const w = file.weight!
      const worst = w.pages.reduce((a, b) => (b.kB > a.kB ? b : a))
      const over = w.pages.filter((p) => worstOf(w, p) > w.targetKB)
      return [
        `Client weight (target ≤ ${w.targetKB} kB gzipped at load, with the larger fr/it catalog of ${w.catalogKB.toFixed(1)} kB): heaviest ${worst.page} ${worstOf(w, worst).toFixed(1)} kB · ${over.length ? `MISSED by ${over.map((p) => p.page).join(', ')}` : 'met by every page'}`,
        '| page | kB at load (en) | with fr/it catalog | target | loaded later by the page |',
        '|---|---|---|---|---|',
        ...w.pages.map((p) => `| ${p.page} | ${p.kB.toFixed(1)} | ${worstOf(w, p).toFixed(1)} | ≤ ${w.targetKB} ${worstOf(w, p) <= w.targetKB ? 'met' : 'MISSED'} | ${p.later ? p.later.toFixed(1) : '-'} |`),
      ]
    },
  },
  {
    name: 'sync',
    title: `Sync: Hubwork against the in-memory reference server, ${seconds} s per point`,
    async run() {
      Object.assign(file, await sync())
    },
    summary: syncSummary,
  },
  {
    name: 'lag',
    title: `Target 5, projection lag: edit stored → item listed, during ${LAG_POINT.name} (p99 < 1 s)`,
    async run() {
      file.lag = (await sync()).lag
      if (!selected.has('sync')) file.results = (await sync()).results
      if (file.lag) console.log(formatLag(file.lag).join('\n'))
    },
    summary: () => (file.lag ? formatLag(file.lag) : ['Projection lag: not measured']),
  },
  {
    name: 'rollup',
    title: `Target 3, roll-up: fresh /api/rollup and the overdue list${quick ? ' (quick: a small data set, not the target’s)' : ', 150 hubs × 2,000 items (generating them takes minutes)'}`,
    async run() {
      file.rollup = await runRollupBench({ hubs: quick ? 15 : 150, items: quick ? 200 : 2000, runs: quick ? 5 : 20, engines: ['postgres', 'pglite'], freshBudgetMs: 120_000, log: console.log })
      console.log(formatRollupBench(file.rollup).join('\n'))
    },
    summary: () => formatRollupBench(file.rollup!),
  },
  {
    name: 'longdoc',
    title: `Target 4, long documents: Chromium typing into a ${quick ? '2,000' : '20,000'}-word brief while 10 editors type (screen p95 < 50 ms, peer p95 < 250 ms, cold open < 1 s)`,
    async run() {
      // The browser loads the built client and the built server runs: both must be today's code.
      const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'client', 'server', '--if-stale'], { cwd: ROOT, stdio: 'inherit' })
      if (build.status !== 0) throw new Error('the build failed')
      file.longDoc = await runLongDocBench({ words: quick ? 2_000 : 20_000, keys: quick ? 30 : 80, runs: quick ? 1 : 3, log: console.log })
      console.log(formatLongDoc(file.longDoc))
    },
    summary: () => formatLongDoc(file.longDoc!).split('\n'),
  },
]

for (const section of SECTIONS.filter((s) => selected.has(s.name))) {
  console.log(`\n## ${section.title}\n`)
  const t0 = performance.now()
  await section.run()
  file.durations![section.name] = (performance.now() - t0) / 1000
}

console.log('\n# Summary\n')
for (const section of SECTIONS.filter((s) => selected.has(s.name))) {
  console.log(`## ${section.title}\n\n${section.summary().join('\n')}\n`)
}
console.log(`sections took: ${Object.entries(file.durations!).map(([s, t]) => `${s} ${t.toFixed(0)} s`).join(' · ')}${selected.has('sync') && selected.has('lag') ? ' (lag ran within sync)' : ''}`)
const out = path.join(ROOT, 'bench', 'results')
await mkdir(out, { recursive: true })
const name = `${file.at.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}${onlyFlag ? `-${[...selected].join('-')}` : ''}.json`
await writeFile(path.join(out, name), JSON.stringify(file, null, 2))
console.log(`\nwritten ${path.relative(process.cwd(), path.join(out, name))}`)
process.exit(0)

function syncSummary(): string[] {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—')
  const lines = [
    'Sync, edit to peer (the reference beside each Hubwork row as ours/ref ratios):',
    '| load point | server | p50 ms | p99 ms | max ms | lost | server CPU % | server RSS MiB | generator CPU % | p50 ratio | p99 ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of file.results) {
    const ref = file.results.find((x) => x.point === r.point && x.server === 'reference')
    const ratio = (f: (p: PointResult) => number) => (r.server === 'hubwork' && ref && f(ref) > 0 ? (f(r) / f(ref)).toFixed(2) : '')
    lines.push(`| ${r.point} | ${r.server}${r.lagProbe ? ' *' : ''} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${r.lost} | ${r.serverCpuPct.toFixed(0)} | ${r.serverRssMiB.toFixed(0)} | ${r.generatorCpuPct.toFixed(0)} | ${ratio((p) => p.p50)} | ${ratio((p) => p.p99)} |`)
  }
  const probed = file.results.find((r) => r.lagProbe)
  if (probed) lines.push(`* with the projection-lag probe beside it (${probed.lagProbe} log writers and their API polls; the reference had neither)`)
  if (file.floor) lines.push('', `${formatCommitFloor(file.floor)} (the reference stores nothing: its floor is 0)`)
  const c = file.coldLoad
  if (c) lines.push('', `Cold load after compaction of ${c.updates} stored updates: connect-to-synced ${c.syncMs.toFixed(0)} ms (compaction took ${c.compactMs.toFixed(0)} ms; the reference keeps nothing to load)`)
  return lines
}
