import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { freePort } from './global-setup.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

/** The built server (dist-server/, built by the global setup): starts in about a second. */
export const BUILT_SERVER = ['dist-server/main.js']

/** The real server as a child process (for kill -9 and multi-process tests). */
export interface ChildServer {
  url: string
  origin: string
  child: ChildProcess
  output: () => string
  /** SIGKILL: no flush, no goodbye. */
  kill9(): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts `server/main.ts` with `env` (or the script `entry` names, e.g. the build's
 * `['dist-server/main.js']`), waits until /api/health answers.
 */
export async function startChildServer(env: Record<string, string>, port?: number, entry = ['--import', 'tsx', 'server/main.ts']): Promise<ChildServer> {
  const p = port ?? (await freePort())
  const origin = `http://127.0.0.1:${p}`
  let out = ''
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(p), HOST: '127.0.0.1', PUBLIC_ORIGIN: origin, LOG_LEVEL: 'warn', SEED_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`child server exited: ${out}`)
    try {
      const res = await fetch(`${origin}/api/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`child server did not start: ${out}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url: origin,
    origin,
    child,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
