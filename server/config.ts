import { z } from 'zod'

const bool01 = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')
const port = z.coerce.number().int().min(0).max(65535)
const positiveInt = z.coerce.number().int().positive()

/** One OpenID Connect identity provider (`OIDC_PROVIDERS` entry). */
const OidcProvider = z.object({
  /** Short id in the sign-in and callback URLs. */
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'id: lower-case letters, digits and dashes'),
  /** Shown on the sign-in page: "Sign in with <name>". */
  name: z.string().min(1).max(100),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
})
export type OidcProviderConfig = z.infer<typeof OidcProvider>
const OidcProviders = z
  .string()
  .transform((v, ctx) => {
    try {
      return JSON.parse(v) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array' })
      return z.NEVER
    }
  })
  .pipe(z.array(OidcProvider).max(50))

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
  /** Every sync socket is pinged this often (ms); one that answers nothing by the next ping is dropped. */
  SYNC_PING_MS: positiveInt.default(20_000),
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
  /** One identity provider by three plain names (with an optional display name)… */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(100).optional(),
  /** …or several, as a JSON array of `{id, name, issuer, clientId, clientSecret}`. */
  OIDC_PROVIDERS: OidcProviders.optional(),
  /** `0`: no password sign-in (single sign-on only). */
  PASSWORD_LOGIN: bool01.default(true),
  /** `smtp://user:pass@host:port` or `smtps://…`: send e-mail; unset, nothing is mailed. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).max(320).optional(),
  /** Hour of the day (UTC) at which daily digests go out. */
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
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
  syncPingMs: number
  hubMaxBytes: number
  bodyMaxBytes: number
  sessionIdleMs: number
  sessionMaxMs: number
  auditRetentionDays: number
  /** Proxy addresses whose X-Forwarded-For names the client (TRUST_PROXY). */
  trustProxy: readonly string[]
  /** Cookies get `Secure` when the public origin is https. */
  secureCookies: boolean
  /** OpenID Connect identity providers (OIDC_ISSUER… or OIDC_PROVIDERS); none by default. */
  oidcProviders: readonly OidcProviderConfig[]
  /** Whether e-mail and password sign-in is offered (PASSWORD_LOGIN). */
  passwordLogin: boolean
  /** E-mail through SMTP, or null when SMTP_URL is unset. */
  mail: MailConfig | null
}

export interface MailConfig {
  smtpUrl: string
  from: string
  digestHour: number
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
  const problems: string[] = []
  const oidcProviders: OidcProviderConfig[] = [...(e.OIDC_PROVIDERS ?? [])]
  const plain = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET]
  if (plain.some(Boolean)) {
    if (!plain.every(Boolean)) problems.push('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set all three or none')
    else oidcProviders.unshift({ id: 'oidc', name: e.OIDC_NAME ?? new URL(e.OIDC_ISSUER!).host, issuer: e.OIDC_ISSUER!, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET! })
  }
  if (new Set(oidcProviders.map((p) => p.id)).size !== oidcProviders.length) problems.push('OIDC_PROVIDERS: every id must be different (and not "oidc" beside OIDC_ISSUER)')
  if (!e.PASSWORD_LOGIN && oidcProviders.length === 0) problems.push('PASSWORD_LOGIN: 0 needs an identity provider (OIDC_ISSUER or OIDC_PROVIDERS), or nobody could sign in')
  if (e.SMTP_URL && !e.MAIL_FROM) problems.push('MAIL_FROM: required with SMTP_URL')
  if (problems.length) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`)
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
    syncPingMs: e.SYNC_PING_MS,
    hubMaxBytes: e.HUB_MAX_BYTES,
    bodyMaxBytes: e.BODY_MAX_BYTES,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    trustProxy: Object.freeze(e.TRUST_PROXY ?? []),
    secureCookies: publicOrigin.startsWith('https:'),
    oidcProviders: Object.freeze(oidcProviders.map((p) => Object.freeze(p))),
    passwordLogin: e.PASSWORD_LOGIN,
    mail: e.SMTP_URL ? Object.freeze({ smtpUrl: e.SMTP_URL, from: e.MAIL_FROM!, digestHour: e.MAIL_DIGEST_HOUR }) : null,
  })
}
