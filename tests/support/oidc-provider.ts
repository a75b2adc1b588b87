import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1, for tests. Its login step is
 * the one thing stubbed: whoever the test names with `signInAs` is signed in at the provider, the way
 * a person would type their password there. Everything else is the provider's own protocol:
 * discovery, authorization with PKCE, tokens signed with its keys, userinfo, end-session.
 */
export interface TestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** The account the next login at the provider signs in as. */
  signInAs(sub: string, claims: { email: string; email_verified: boolean }): void
  close(): Promise<void>
}

export async function startTestProvider(redirectUris: string[], postLogoutUris: string[] = []): Promise<TestProvider> {
  const accounts = new Map<string, { email: string; email_verified: boolean }>()
  let current = ''
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'hubwork-test'
  const clientSecret = 'a-secret-of-the-test-client'
  const ttl = 600
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, post_logout_redirect_uris: postLogoutUris }],
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AccessToken: ttl, AuthorizationCode: ttl, IdToken: ttl, Interaction: ttl, Session: ttl, Grant: ttl },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party client: no consent screen.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  })
  const callback = provider.callback()
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void provider.interactionFinished(req, res, { login: { accountId: current } }, { mergeWithLastSubmission: false }).catch(() => {
        res.statusCode = 500
        res.end()
      })
      return
    }
    void callback(req, res)
  })
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(sub, claims) {
      accounts.set(sub, claims)
      current = sub
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * A browser for redirect chains: follows `Location` headers, keeps one cookie jar per host, and
 * sends requests for `appHost` to the app in-process (`appFetch`), everything else over the network.
 */
export class RedirectBrowser {
  readonly jars = new Map<string, Map<string, string>>()

  constructor(
    private readonly appHost: string,
    private readonly appFetch: (path: string, init: RequestInit) => Response | Promise<Response>,
  ) {}

  cookieHeader(host: string): string {
    return [...(this.jars.get(host) ?? [])].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** One GET, no redirect followed; cookies stored. */
  async get(url: string): Promise<Response> {
    const u = new URL(url)
    const headers = { cookie: this.cookieHeader(u.host) }
    const res = u.host === this.appHost
      ? await this.appFetch(u.pathname + u.search, { headers })
      : await fetch(u, { redirect: 'manual', headers })
    const jar = this.jars.get(u.host) ?? new Map<string, string>()
    this.jars.set(u.host, jar)
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()))
      if (!value || expired) jar.delete(name)
      else jar.set(name, value)
    }
    return res
  }

  /**
   * Follows redirects from `url` until `stop(url)` says a URL is the one wanted (not fetched) or a
   * response is not a redirect.
   * @returns the last URL and, when it was fetched, its response
   */
  async follow(url: string, stop: (u: URL) => boolean = () => false): Promise<{ url: string; res: Response | null }> {
    let next = url
    for (let i = 0; i < 20; i++) {
      if (i > 0 && stop(new URL(next))) return { url: next, res: null }
      const res = await this.get(next)
      const loc = res.headers.get('location')
      if (res.status < 300 || res.status >= 400 || !loc) return { url: next, res }
      await res.body?.cancel()
      next = new URL(loc, next).href
    }
    throw new Error('too many redirects')
  }
}
