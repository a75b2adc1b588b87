/**
 * Sign-in latency: N sequential logins of a seeded demo account against the real server
 * on PGlite; prints p50 and p95. Usage: `npx tsx tests/load/login-latency.ts [n]`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { readFileSync } from 'node:fs'
import { loadConfig } from '../../server/config.js'
import { createLogger } from '../../server/logger.js'
import { startServer } from '../../server/server.js'
import { DEMO_USERS_FILE } from '../../seeds/seed.js'

const n = Number(process.argv[2] ?? 30)
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hubwork-login-'))
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: '1', LOG_LEVEL: 'error' })
const server = await startServer({ config, logger: createLogger('error') })
const [account] = JSON.parse(readFileSync(DEMO_USERS_FILE, 'utf8')) as { email: string; password: string }[]
const ms: number[] = []
try {
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: config.publicOrigin },
      body: JSON.stringify({ email: account.email, password: account.password }),
    })
    if (res.status !== 200) throw new Error(`login answered ${res.status}`)
    ms.push(performance.now() - start)
  }
} finally {
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
}
ms.sort((a, b) => a - b)
const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1)
console.log(`login over ${n} runs: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`)
