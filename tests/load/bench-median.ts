/**
 * Median of several `npm run bench` result files, per load point and server, as a markdown table.
 * Usage: `npx tsx tests/load/bench-median.ts bench/results/a.json bench/results/b.json …`
 */
import { readFileSync } from 'node:fs'
import type { PointResult } from './load.js'

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as { results: PointResult[]; coldLoad: { syncMs: number } | null })
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const keys = [...new Set(runs.flatMap((r) => r.results.map((x) => `${x.point}|${x.server}`)))]
const pick = (point: string, server: string, f: (r: PointResult) => number) =>
  median(runs.map((r) => r.results.find((x) => x.point === point && x.server === server)).filter((x): x is PointResult => !!x).map(f))
console.log(`median of ${runs.length} runs\n`)
console.log('| load point | server | p50 ms | p99 ms | max ms | lost (max) | server CPU % | server RSS MiB | generator CPU % | p50 ours/ref | p99 ours/ref |')
console.log('|---|---|---|---|---|---|---|---|---|---|---|')
for (const key of keys) {
  const [point, server] = key.split('|')
  const p50 = pick(point, server, (r) => r.p50)
  const p99 = pick(point, server, (r) => r.p99)
  const lost = Math.max(...runs.map((r) => r.results.find((x) => x.point === point && x.server === server)?.lost ?? 0))
  const ratio = (v: number, f: (r: PointResult) => number) => (server === 'hubwork' ? (v / pick(point, 'reference', f)).toFixed(2) : '')
  console.log(
    `| ${point} | ${server} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${pick(point, server, (r) => r.max).toFixed(1)} | ${lost} | ${pick(point, server, (r) => r.serverCpuPct).toFixed(0)} | ${pick(point, server, (r) => r.serverRssMiB).toFixed(0)} | ${pick(point, server, (r) => r.generatorCpuPct).toFixed(0)} | ${ratio(p50, (r) => r.p50)} | ${ratio(p99, (r) => r.p99)} |`,
  )
}
const cold = runs.map((r) => r.coldLoad?.syncMs).filter((x): x is number => x !== undefined)
if (cold.length) console.log(`\ncold load after compaction of 100,000 updates, connect-to-synced: median ${median(cold).toFixed(0)} ms (runs: ${cold.map((c) => c.toFixed(0)).join(', ')})`)
