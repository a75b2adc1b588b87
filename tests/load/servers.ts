import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { freePort } from '../support/global-setup.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

export interface ServerProcess {
  name: string
  url: string
  pid: number
  stop(): Promise<void>
}

/** Starts a Node process (`node --import tsx <script>` for a .ts script) and waits until it prints `readyText`. */
async function startNode(name: string, script: string, env: Record<string, string>, readyText: string): Promise<{ child: ChildProcess; output: () => string }> {
  // BENCH_CPU_PROF=<dir>: the servers write V8 CPU profiles there when they stop (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
  // BENCH_MEM_DIR=<dir>: the servers report where their memory is at the 10,000-socket point (mem-probe.ts).
  const mem = process.env.BENCH_MEM_DIR ? ['--expose-gc', '--import', path.join(import.meta.dirname, 'mem-probe.ts')] : []
  const tsx = script.endsWith('.ts') || mem.length ? ['--import', 'tsx'] : []
  const child = spawn(process.execPath, [...prof, ...tsx, ...mem, script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const deadline = Date.now() + 60_000
  while (!output.includes(readyText)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return { child, output: () => output }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  const deadline = Date.now() + 15_000
  while (child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  if (child.exitCode === null) child.kill('SIGKILL')
}

/**
 * Hubwork itself on PostgreSQL: auth at the upgrade, persist before relay. From its sources under
 * tsx by default; BENCH_HUBWORK=built runs the bundle `npm start` runs (built first if stale),
 * which is lighter: tsx keeps every function's name by redefining it (esbuild's keepNames), which
 * gives each closure a property store of its own (256 bytes in a heap snapshot).
 */
export async function startHubwork(databaseUrl: string): Promise<ServerProcess> {
  const port = await freePort()
  const built = process.env.BENCH_HUBWORK === 'built'
  if (built) execFileSync(process.execPath, ['scripts/build.mjs', 'server', '--if-stale'], { cwd: ROOT, stdio: 'inherit' })
  const { child } = await startNode(
    'hubwork',
    built ? 'dist-server/main.js' : 'server/main.ts',
    { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, SEED_DEMO: '0', LOG_LEVEL: 'warn', PUBLIC_ORIGIN: `http://127.0.0.1:${port}` },
    'Hubwork is running',
  )
  return { name: 'hubwork', url: `ws://127.0.0.1:${port}/collab`, pid: child.pid!, stop: () => stopChild(child) }
}

/** The in-memory reference server (tests/load/reference-server.ts). */
export async function startReference(): Promise<ServerProcess> {
  const port = await freePort()
  const { child } = await startNode('reference', 'tests/load/reference-server.ts', { PORT: String(port) }, 'ready')
  return { name: 'reference', url: `ws://127.0.0.1:${port}/collab`, pid: child.pid!, stop: () => stopChild(child) }
}

/** CPU time (ms, user + system) and resident memory (MiB) of a process, from /proc. */
export function procStats(pid: number): { cpuMs: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12]) // utime + stime, in clock ticks (100/s)
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return { cpuMs: ticks * 10, rssMiB: Number(rss?.[1] ?? 0) / 1024 }
}
