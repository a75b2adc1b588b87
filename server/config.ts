import { z } from 'zod'

const bool01 = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')
const port = z.coerce.number().int().min(0).max(65535)
const positiveInt = z.coerce.number().int().positive()

const EnvSchema = z.object({
  PORT: port.default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SEED_DEMO: bool01.optional(),
  PUBLIC_ORIGIN: z
    .string()
    .url()
    .transform((v) => new URL(v).origin)
    .optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Largest WebSocket frame accepted by the sync endpoint, in bytes. */
  SYNC_MAX_FRAME_BYTES: positiveInt.default(8 * 1024 * 1024),
  /** Sync messages at least this large are compressed (permessage-deflate); 0 turns compression off. */
  SYNC_DEFLATE_MIN_BYTES: z.coerce.number().int().min(0).default(1024),
  /** Largest encoded document state the sync endpoint lets a document grow to, in bytes. */
  SYNC_MAX_DOC_BYTES: positiveInt.default(64 * 1024 * 1024),
  /** What one hub's documents may occupy in storage (updates, snapshots, versions), in bytes. */
  HUB_MAX_BYTES: positiveInt.default(200 * 1024 * 1024),
  /** Largest REST request body, in bytes. */
  BODY_MAX_BYTES: positiveInt.default(1024 * 1024),
  /** A session unused for this long ends. */
  SESSION_IDLE_MINUTES: positiveInt.default(12 * 60),
  /** A session ends this long after sign-in, used or not. */
  SESSION_MAX_HOURS: positiveInt.default(7 * 24),
  /** Audit events older than this are purged (daily). */
  AUDIT_RETENTION_DAYS: positiveInt.default(730),
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated); none by default. */
  TRUST_PROXY: z
    .string()
    .transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()])))
    .optional(),
})

/** The validated, frozen configuration of one server process (README: configuration). */
export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | null
  seedDemo: boolean
  publicOrigin: string
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  syncMaxFrameBytes: number
  /** permessage-deflate threshold in bytes (0: off). */
  syncDeflateMinBytes: number
  syncMaxDocBytes: number
  hubMaxBytes: number
  bodyMaxBytes: number
  sessionIdleMs: number
  sessionMaxMs: number
  auditRetentionDays: number
  /** Proxy addresses whose X-Forwarded-For names the client (TRUST_PROXY). */
  trustProxy: readonly string[]
  /** Cookies get `Secure` when the public origin is https. */
  secureCookies: boolean
}

/** Raised when the environment holds a bad value; main.ts prints its message as one line and exits. */
export class ConfigError extends Error {}

/**
 * Parses the environment once.
 * @throws ConfigError naming every bad variable, e.g. `PORT: expected number`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(defined)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`)
  }
  const e = parsed.data
  const databaseUrl = e.DATABASE_URL ?? null
  const publicOrigin = e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl,
    seedDemo: e.SEED_DEMO ?? databaseUrl === null,
    publicOrigin,
    logLevel: e.LOG_LEVEL,
    syncMaxFrameBytes: e.SYNC_MAX_FRAME_BYTES,
    syncDeflateMinBytes: e.SYNC_DEFLATE_MIN_BYTES,
    syncMaxDocBytes: e.SYNC_MAX_DOC_BYTES,
    hubMaxBytes: e.HUB_MAX_BYTES,
    bodyMaxBytes: e.BODY_MAX_BYTES,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    trustProxy: Object.freeze(e.TRUST_PROXY ?? []),
    secureCookies: publicOrigin.startsWith('https:'),
  })
}
