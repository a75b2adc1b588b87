import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type * as Client from 'openid-client'
import type { Database } from '../db/schema.js'
import type { OidcProviderConfig } from '../config.js'
import { RateLimitedError } from '../errors.js'

/**
 * OpenID Connect sign-in (authorization code + PKCE, through `openid-client`). Hubwork is the
 * relying party; each identity provider is one `OidcProviderConfig`. Nobody registers here: a person
 * who signs in at a provider is matched by their VERIFIED e-mail address to an account the admin
 * created, or refused.
 *
 * Replays: the state, nonce and PKCE verifier of each sign-in live in `oidc_logins` for 10 minutes,
 * bound to the browser that started it (a random cookie, stored hashed); the callback deletes the
 * row before anything else, so a second use of the same callback finds nothing.
 */

/** How long a started sign-in may take at the provider. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000
/** Sign-ins started and not finished, at most (each start writes a row before anyone is known). */
export const OIDC_PENDING_MAX = 10_000
/** Cookie binding a started sign-in to its browser (SameSite=Lax: it must come back with the provider's redirect). */
export const OIDC_BROWSER_COOKIE = 'hubwork_oidc'

/** Loaded at the first sign-in: a deployment without single sign-on never loads it. */
const loadClient = () => import('openid-client')

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex')

/** Why a callback did not sign anyone in; `refused` names a person the admin did not create (audited). */
export type OidcOutcome =
  | { ok: true; userId: string; email: string; idToken: string | null }
  | { ok: false; reason: 'replayed_or_expired' | 'other_browser' | 'protocol_error' | 'no_verified_email' | 'unknown_account'; email?: string; detail?: string }

/** http issuers are allowed only on loopback (a provider in tests); anywhere else TLS is required. */
function insecureAllowed(issuer: string): boolean {
  const u = new URL(issuer)
  return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]')
}

/** The identity providers of one process, discovered on first use (a provider down at start stops nothing). */
export class OidcProviders {
  private readonly discovered = new Map<string, Promise<Client.Configuration>>()

  constructor(
    readonly providers: readonly OidcProviderConfig[],
    private readonly publicOrigin: string,
  ) {}

  find(id: string): OidcProviderConfig | undefined {
    return this.providers.find((p) => p.id === id)
  }

  redirectUri(id: string): string {
    return `${this.publicOrigin}/api/auth/oidc/${id}/callback`
  }

  /** The provider's discovered configuration; a failed discovery is retried at the next sign-in. */
  configuration(p: OidcProviderConfig): Promise<Client.Configuration> {
    let found = this.discovered.get(p.id)
    if (!found) {
      found = loadClient().then((client) => {
        const options = insecureAllowed(p.issuer) ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 }
        return client.discovery(new URL(p.issuer), p.clientId, p.clientSecret, undefined, options)
      })
      found.catch(() => this.discovered.delete(p.id))
      this.discovered.set(p.id, found)
    }
    return found
  }

  /**
   * Starts a sign-in: stores state, nonce and PKCE verifier.
   * @returns the provider's authorization URL and the browser-binding cookie value
   */
  async start(db: Kysely<Database>, p: OidcProviderConfig, now = new Date()): Promise<{ url: string; browserToken: string }> {
    const config = await this.configuration(p)
    const client = await loadClient()
    const state = client.randomState()
    const nonce = client.randomNonce()
    const verifier = client.randomPKCECodeVerifier()
    const browserToken = randomBytes(32).toString('base64url')
    // Old, abandoned sign-ins go as new ones come; a flood of starts (no sign-in needed) stops at a cap.
    await db.deleteFrom('oidc_logins').where('expires_at', '<', now).execute()
    const pending = await db.selectFrom('oidc_logins').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    if (Number(pending.n) >= OIDC_PENDING_MAX) throw new RateLimitedError(60)
    await db
      .insertInto('oidc_logins')
      .values({ state_hash: sha256(state), provider_id: p.id, nonce, code_verifier: verifier, browser_hash: sha256(browserToken), created_at: now, expires_at: new Date(now.getTime() + OIDC_LOGIN_TTL_MS) })
      .execute()
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(p.id),
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    })
    return { url: url.href, browserToken }
  }

  /**
   * The callback: spends the stored sign-in (single use), checks state, nonce, issuer, PKCE and the
   * browser, then matches the verified e-mail address to an enabled account.
   * @param callbackUrl the URL the provider redirected the browser to (code, state, iss)
   */
  async finish(db: Kysely<Database>, p: OidcProviderConfig, callbackUrl: URL, browserToken: string | undefined, now = new Date()): Promise<OidcOutcome> {
    const state = callbackUrl.searchParams.get('state')
    if (!state || state.length > 200) return { ok: false, reason: 'replayed_or_expired' }
    // Deleted before anything is checked: whatever happens next, this state never works again.
    const login = await db.deleteFrom('oidc_logins').where('state_hash', '=', sha256(state)).where('provider_id', '=', p.id).returningAll().executeTakeFirst()
    if (!login || new Date(login.expires_at) <= now) return { ok: false, reason: 'replayed_or_expired' }
    if (!browserToken || sha256(browserToken) !== login.browser_hash) return { ok: false, reason: 'other_browser' }
    let claims: Record<string, unknown>
    let idToken: string | null
    try {
      const config = await this.configuration(p)
      const client = await loadClient()
      // Checks the state, the issuer (`iss` of the response and of the id token), the nonce, the
      // audience and signature of the id token, and sends the PKCE verifier.
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: login.code_verifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      })
      const idClaims = tokens.claims()!
      claims = { ...idClaims }
      idToken = tokens.id_token ?? null
      // Providers that keep the id token small answer e-mail claims at the userinfo endpoint.
      if (claims.email === undefined || claims.email_verified === undefined) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
        claims = { ...info, ...idClaims, email: info.email ?? idClaims.email, email_verified: info.email_verified ?? idClaims.email_verified }
      }
    } catch (err) {
      // openid-client wraps oauth4webapi's error, which names the claim that did not match (nonce, iss…).
      const messages: string[] = []
      for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) messages.push(e.message)
      const detail = messages.join(': ')
      return { ok: false, reason: 'protocol_error', detail: detail.slice(0, 200) }
    }
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null
    if (!email || claims.email_verified !== true) return { ok: false, reason: 'no_verified_email', email: email ?? undefined }
    const user = await db.selectFrom('users').select(['id', 'disabled_at']).where('email', '=', email).executeTakeFirst()
    if (!user || user.disabled_at) return { ok: false, reason: 'unknown_account', email }
    return { ok: true, userId: user.id, email, idToken }
  }

  /** Where to send the browser to end its session at the provider too, when the provider offers it. */
  async endSessionUrl(providerId: string, idToken: string | null): Promise<string | null> {
    const p = this.find(providerId)
    if (!p) return null
    try {
      const config = await this.configuration(p)
      const client = await loadClient()
      if (!config.serverMetadata().end_session_endpoint) return null
      const params: Record<string, string> = { post_logout_redirect_uri: `${this.publicOrigin}/login`, client_id: p.clientId }
      if (idToken) params.id_token_hint = idToken
      return client.buildEndSessionUrl(config, params).href
    } catch {
      return null
    }
  }
}

/** Remembers which provider a session came from (RP-initiated logout). */
export async function recordOidcSession(db: Kysely<Database>, sessionHash: string, providerId: string, idToken: string | null): Promise<void> {
  await db.insertInto('oidc_sessions').values({ session_hash: sessionHash, provider_id: providerId, id_token: idToken }).execute()
}

/** The provider and id token of a session signed in through OpenID Connect, if it was. */
export async function findOidcSession(db: Kysely<Database>, sessionHash: string) {
  return db.selectFrom('oidc_sessions').select(['provider_id', 'id_token']).where('session_hash', '=', sessionHash).executeTakeFirst()
}
