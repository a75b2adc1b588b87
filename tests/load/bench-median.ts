/**
 * Median of several `npm run bench` result files, section by section, as markdown tables with each
 * target or reference beside its figure: the sync points (per load point and server), the commit
 * floor and cold load, the projection lag, the roll-up per engine, the client weight per page.
 * A section missing from some files (an `--only=` run, an older file) takes the median of those that have it.
 * Usage: `npx tsx tests/load/bench-median.ts bench/results/a.json bench/results/b.json …`
 */
import { readFileSync } from 'node:fs'
import type { PointResult } from './load.js'
import type { BenchFile } from './bench-file.js'
import { LAG_TARGET_MS, type LagFigures } from './projection-lag.js'
import { ROLLUP_TARGET_MS, type P50P95, type RollupEngineResult } from './rollup-bench.js'
import { LONG_DOC_TARGETS, type LongDocResult, type Percentiles } from './long-doc-bench.js'

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as BenchFile)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const each = (xs: number[], what = '') => `(${what}each run: ${xs.map((x) => x.toFixed(0)).join(', ')})`
console.log(`median of ${runs.length} runs\n`)

// A lag-only run's Hubwork point had no reference beside it: the sync table takes the sync runs only.
const syncRuns = runs.filter((r) => !r.sections || r.sections.includes('sync'))
const keys = [...new Set(syncRuns.flatMap((r) => r.results.map((x) => `${x.point}|${x.server}`)))]
const pick = (point: string, server: string, f: (r: PointResult) => number) =>
  median(syncRuns.map((r) => r.results.find((x) => x.point === point && x.server === server)).filter((x): x is PointResult => !!x).map(f))
if (keys.length) {
  console.log('| load point | server | p50 ms | p99 ms | max ms | lost (max) | server CPU % | server RSS MiB | generator CPU % | p50 ours/ref | p99 ours/ref |')
  console.log('|---|---|---|---|---|---|---|---|---|---|---|')
}
for (const key of keys) {
  const [point, server] = key.split('|')
  const p50 = pick(point, server, (r) => r.p50)
  const p99 = pick(point, server, (r) => r.p99)
  const lost = Math.max(...syncRuns.map((r) => r.results.find((x) => x.point === point && x.server === server)?.lost ?? 0))
  const hasRef = syncRuns.some((r) => r.results.some((x) => x.point === point && x.server === 'reference'))
  const ratio = (v: number, f: (r: PointResult) => number) => (server === 'hubwork' && hasRef ? (v / pick(point, 'reference', f)).toFixed(2) : '')
  const probed = syncRuns.some((r) => r.results.some((x) => x.point === point && x.server === server && x.lagProbe))
  console.log(
    `| ${point} | ${server}${probed ? ' *' : ''} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${pick(point, server, (r) => r.max).toFixed(1)} | ${lost} | ${pick(point, server, (r) => r.serverCpuPct).toFixed(0)} | ${pick(point, server, (r) => r.serverRssMiB).toFixed(0)} | ${pick(point, server, (r) => r.generatorCpuPct).toFixed(0)} | ${ratio(p50, (r) => r.p50)} | ${ratio(p99, (r) => r.p99)} |`,
  )
}
if (keys.some((k) => syncRuns.some((r) => r.results.some((x) => `${x.point}|${x.server}` === k && x.lagProbe)))) {
  console.log('* with the projection-lag probe beside it (its log writers and API polls; the reference had neither)')
}

const floors = runs.flatMap((r) => (r.floor ? [r.floor] : []))
if (floors.length) {
  const p = (f: (x: (typeof floors)[number]) => [number, number]) => `p50 ${median(floors.map((x) => f(x)[0])).toFixed(2)} ms, p99 ${median(floors.map((x) => f(x)[1])).toFixed(2)} ms`
  console.log(`\ncommit floor (${floors.length} runs): fdatasync 8 kB ${p((x) => x.fdatasyncMs)} · select 1 ${p((x) => x.selectMs)} · INSERT+COMMIT ${p((x) => x.insertCommitMs)} (the reference stores nothing: 0)`)
}
const cold = runs.flatMap((r) => (r.coldLoad ? [r.coldLoad] : []))
if (cold.length) {
  const sizes = [...new Set(cold.map((c) => c.updates))].join(' / ')
  console.log(`\ncold load after compaction of ${sizes} updates, connect-to-synced: median ${median(cold.map((c) => c.syncMs)).toFixed(0)} ms ${each(cold.map((c) => c.syncMs))}`)
}

const lags = runs.flatMap((r) => (r.lag ? [r.lag] : []))
if (lags.length) {
  const m = (f: (l: (typeof lags)[number]) => LagFigures, k: keyof LagFigures) => median(lags.map((l) => f(l)[k]))
  const line = (f: (l: (typeof lags)[number]) => LagFigures) => `p50 ${m(f, 'p50').toFixed(0)} ms, p99 ${m(f, 'p99').toFixed(0)} ms, max ${m(f, 'max').toFixed(0)} ms`
  const p99 = m((l) => l.sentToListed, 'p99')
  const missing = Math.max(...lags.map((l) => l.missing))
  // Files from before the histogram's type label counted every document: those of log documents are preferred.
  const all = lags.flatMap((l) => (l.server ? [l.server] : []))
  const servers = all.some((s) => s.documents === 'log') ? all.filter((s) => s.documents === 'log') : all
  console.log(`\nprojection lag during ${[...new Set(lags.map((l) => l.point))].join(' / ')} (${lags.length} runs, missing at most ${missing}):`)
  console.log(`| figure | median | target |\n|---|---|---|`)
  console.log(`| edit sent → listed by /api/items | ${line((l) => l.sentToListed)} ${each(lags.map((l) => l.sentToListed.p99), 'p99 of ')} | p99 < ${LAG_TARGET_MS / 1000} s: ${p99 < LAG_TARGET_MS && missing === 0 ? 'met' : 'MISSED'} |`)
  console.log(`| stored (ack received) → listed | ${line((l) => l.storedToListed)} | |`)
  if (servers.length) console.log(`| server histogram (${servers[0].documents} documents), bucket bounds | p50 ≤ ${median(servers.map((s) => s.p50))} s, p99 ≤ ${median(servers.map((s) => s.p99))} s, ${(median(servers.map((s) => s.within1s)) * 100).toFixed(0)} % within 1 s | |`)
  console.log('| reference server | n/a (no projection) | < 1 s |')
}

const rollups = runs.flatMap((r) => (r.rollup ? [r.rollup] : []))
if (rollups.length) {
  const sizes = [...new Set(rollups.map((r) => `${r.hubs} hubs × ${r.itemsPerHub} items`))].join(' / ')
  console.log(`\nroll-up, ${sizes} (${rollups.length} runs; ms, p50 / p95):`)
  console.log('| engine | /api/rollup fresh | target p95 | first after start | cached | overdue list, first 100 | /api/search | /api/items?theme | data generated in, s |\n|---|---|---|---|---|---|---|---|---|')
  for (const engine of [...new Set(rollups.flatMap((r) => r.engines.map((e) => e.engine)))]) {
    const es = rollups.flatMap((r) => r.engines.filter((e) => e.engine === engine))
    const pair = (f: (e: RollupEngineResult) => P50P95) => [median(es.map((e) => f(e)[0])), median(es.map((e) => f(e)[1]))]
    const ms = (f: (e: RollupEngineResult) => P50P95) => pair(f).map((x) => x.toFixed(1)).join(' / ')
    const target = ROLLUP_TARGET_MS[engine]
    const verdict = pair((e) => e.fresh)[1] < target ? 'met' : 'MISSED'
    console.log(`| ${engine} | ${ms((e) => e.fresh)} ${each(es.map((e) => e.fresh[1]), 'p95 of ')} | < ${target} ms: ${verdict} | ${median(es.map((e) => e.firstMs ?? NaN)).toFixed(0)} | ${ms((e) => e.cached)} | ${ms((e) => e.overdue)} | ${ms((e) => e.search)} | ${ms((e) => e.itemsByTheme)} | ${median(es.map((e) => e.generateMs / 1000)).toFixed(0)} |`)
  }
}

const weights = runs.flatMap((r) => (r.weight ? [r.weight] : []))
if (weights.length) {
  // The same build weighs the same: the median shows a difference between builds, if any.
  const target = weights[0].targetKB
  console.log(`\nclient weight (${weights.length} runs; kB gzipped at load, with the larger fr/it catalog):`)
  console.log(`| page | kB | target |\n|---|---|---|`)
  for (const page of [...new Set(weights.flatMap((w) => w.pages.map((p) => p.page)))]) {
    const kB = median(weights.flatMap((w) => w.pages.filter((p) => p.page === page).map((p) => p.kB + w.catalogKB)))
    console.log(`| ${page} | ${kB.toFixed(1)} | ≤ ${target} kB: ${kB <= target ? 'met' : 'MISSED'} |`)
  }
}

const longDocs = runs.flatMap((r) => (r.longDoc ? [r.longDoc] : []))
if (longDocs.length) {
  const t = LONG_DOC_TARGETS
  const m = (f: (r: LongDocResult) => number) => median(longDocs.map(f)).toFixed(1)
  console.log(`\nlong brief (${[...new Set(longDocs.map((r) => r.words))].join(' / ')} words, ${longDocs[0].editors} editors; ${longDocs.length} runs; ms):`)
  console.log('| figure | p50 | p95 | max | target |\n|---|---|---|---|---|')
  const row = (label: string, f: (r: LongDocResult) => Percentiles, target: number | null) =>
    console.log(`| ${label} | ${m((r) => f(r).p50)} | ${m((r) => f(r).p95)} ${each(longDocs.map((r) => f(r).p95), 'p95 of ')} | ${m((r) => f(r).max)} | ${target === null ? '' : `p95 < ${target}: ${median(longDocs.map((r) => f(r).p95)) < target ? 'met' : 'MISSED'}`} |`)
  row('keystroke-to-screen, editors typing', (r) => r.busy.screen, t.screenP95)
  row('keystroke-to-peer, editors typing', (r) => r.busy.peer, t.peerP95)
  row('keystroke-to-screen, alone', (r) => r.alone.screen, null)
  row('keystroke-to-peer, alone', (r) => r.alone.peer, null)
  const cold = longDocs.flatMap((r) => r.coldOpenMs)
  console.log(`| cold open to editable (median of every open) | ${median(cold).toFixed(0)} | | ${Math.max(...cold).toFixed(0)} | < ${t.coldOpenMs}: ${median(cold) < t.coldOpenMs ? 'met' : 'MISSED'} |`)
  console.log(`server CPU while the editors typed: ${m((r) => r.serverCpuPct)} %`)
}
