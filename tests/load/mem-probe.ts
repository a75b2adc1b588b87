/**
 * Loaded into a benchmarked server (`node --import`, tests/load/servers.ts) when BENCH_MEM_DIR is
 * set: once the process holds BENCH_MEM_AT open file descriptors (sockets, mostly) and
 * BENCH_MEM_DELAY_MS more have passed, it writes where its memory is to
 * `<dir>/<script>-<pid>.json` (process.memoryUsage, V8 heap spaces, /proc smaps totals), and with
 * BENCH_HEAP_SNAPSHOT=1 a heap snapshot beside it. A snapshot stalls the process for seconds and
 * grows its RSS: the RSS a benchmark reports in such a run is not comparable.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import v8 from 'node:v8'

const dir = process.env.BENCH_MEM_DIR!
const at = Number(process.env.BENCH_MEM_AT ?? 10_000)
const delayMs = Number(process.env.BENCH_MEM_DELAY_MS ?? 8_000)
const base = `${path.basename(process.argv[1] ?? 'node', '.ts')}-${process.pid}`

const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10

function smapsTotals(): Record<string, number> {
  const out: Record<string, number> = {}
  for (const line of readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
    const m = /^(\w+):\s+(\d+) kB/.exec(line)
    if (m) out[m[1]] = Math.round((Number(m[2]) / 1024) * 10) / 10
  }
  return out
}

function record(): void {
  const fds = readdirSync('/proc/self/fd').length
  const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mib(v)]))
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mib(s.space_used_size)]))
  const report: Record<string, unknown> = { fds, usageMiB: usage, heapSpacesUsedMiB: spaces, smapsMiB: smapsTotals() }
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    report.afterGcUsageMiB = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mib(v)]))
  }
  writeFileSync(path.join(dir, `${base}.json`), JSON.stringify(report, null, 2))
  if (process.env.BENCH_HEAP_SNAPSHOT === '1') v8.writeHeapSnapshot(path.join(dir, `${base}.heapsnapshot`))
}

const watch = setInterval(() => {
  if (readdirSync('/proc/self/fd').length < at) return
  clearInterval(watch)
  setTimeout(record, delayMs).unref()
}, 1000)
watch.unref()
