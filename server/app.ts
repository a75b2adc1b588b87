import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { serveStatic } from '@hono/node-server/serve-static'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { AppDeps, AppEnv } from './app-env.js'
import { HTTPException } from 'hono/http-exception'
import { AppError, PayloadTooLargeError, RateLimitedError } from './errors.js'
import { originGuard } from './api/origin-guard.js'
import { securityHeaders } from './api/security-headers.js'
import { health } from './api/health.js'
import { sessionMiddleware } from './auth/session-middleware.js'
import { auth } from './api/auth.js'
import { sso } from './api/sso.js'
import { mailRoutes } from './api/mail.js'
import { me } from './api/account.js'
import { hubs } from './api/hubs.js'
import { hubBriefs, periods } from './api/periods.js'
import { admin } from './api/admin.js'
import { references } from './api/references.js'
import { taxonomy } from './api/taxonomy.js'
import { items, searchRoute } from './api/items.js'
import { rollupRoute } from './api/rollup.js'
import { reports } from './api/reports.js'
import { events, inbox, itemThreads } from './api/comments.js'
import { docThreads } from './api/doc-threads.js'
import { docs } from './api/docs.js'
import { collabHttpRoutes } from './api/collab-http.js'
import { metricsRoute } from './api/metrics.js'
import { PROJECT_ROOT } from './project-root.js'
import { openApiRoutes } from './api/openapi/routes.js'

/** Where `vite build` puts the client. */
export const CLIENT_DIST = path.join(PROJECT_ROOT, 'dist', 'client')

/**
 * Builds the HTTP app: middleware, the `/api` routes, the built client, and the one place errors
 * become responses.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.use('*', securityHeaders(deps.config.publicOrigin))
  app.use('*', async function provideDeps(c, next) {
    c.set('deps', deps)
    c.set('db', deps.db)
    c.set('actor', null)
    c.set('sessionHash', null)
    await next()
  })
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.config.bodyMaxBytes,
      onError: () => {
        throw new PayloadTooLargeError(deps.config.bodyMaxBytes)
      },
    }),
  )
  app.use('/api/*', originGuard(deps.config.publicOrigin))

  app.use('/api/*', sessionMiddleware())
  app.use('/api/*', async function invalidateRollups(c, next) {
    await next()
    // Hubs, missions, memberships and focal points feed roll-ups too, outside the projection.
    if (c.req.method !== 'GET' && c.res.status < 400) deps.services.live.rollupsStale()
  })

  app.route('/api/health', health)
  app.route('/api/auth', auth)
  app.route('/api/auth', sso)
  app.route('/api/me', me)
  app.route('/api/mail', mailRoutes)
  app.route('/api/hubs', hubs)
  app.route('/api/hubs', hubBriefs)
  app.route('/api/periods', periods)
  app.route('/api/admin', admin)
  app.route('/api/taxonomy', taxonomy)
  app.route('/api', references)
  app.route('/api/items', items)
  app.route('/api/items', itemThreads)
  app.route('/api/inbox', inbox)
  app.route('/api/events', events)
  app.route('/api/search', searchRoute)
  app.route('/api/rollup', rollupRoute)
  app.route('/api/reports', reports)
  app.route('/api/docs', docs)
  app.route('/api/docs', docThreads)
  app.route('/api', openApiRoutes(app))

  // GET /collab/<doc> with an Upgrade header never reaches Hono: the HTTP server's upgrade
  // listener takes it (collab/upgrade.ts); without one it is a 404 below.
  // The same sync where WebSockets are blocked: Server-Sent Events down, POSTs up.
  app.route('/collab-http', collabHttpRoutes(deps.services.collab))
  app.route('/metrics', metricsRoute(deps.services.collab.metrics.registry))

  app.all('/api/*', (c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  )
  mountClient(app)

  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds))
      return c.json({ error: { code: err.code, message: err.message } }, err.status as 400)
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own refusals, e.g. malformed JSON in the json validator.
      const code = err.status === 400 ? 'invalid_input' : 'http_error'
      const message = err.status === 400 ? `body: ${err.message}` : err.message
      return c.json({ error: { code, message } }, err.status)
    }
    deps.logger.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error')
    return c.json({ error: { code: 'internal_error', message: 'internal error' } }, 500)
  })
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  )
  return app
}

/** Serves the built client; every other GET is a client route and gets index.html. */
function mountClient(app: Hono<AppEnv>): void {
  const indexFile = path.join(CLIENT_DIST, 'index.html')
  app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), CLIENT_DIST) }))
  // The service worker (keeps the app for offline use): always asked again, so a new version is found.
  const workerFile = path.join(CLIENT_DIST, 'sw.js')
  app.get('/sw.js', (c) => {
    if (!existsSync(workerFile)) return c.json({ error: { code: 'not_found', message: 'not found' } }, 404)
    c.header('cache-control', 'no-cache')
    c.header('content-type', 'text/javascript; charset=utf-8')
    return c.body(readFileSync(workerFile, 'utf8'))
  })
  app.get('*', (c) => {
    if (c.req.path.startsWith('/collab') || c.req.path === '/metrics') {
      return c.json({ error: { code: 'not_found', message: 'not found' } }, 404)
    }
    if (!existsSync(indexFile)) {
      return c.text('The client is not built: run `npm run build`.', 503)
    }
    return c.html(readFileSync(indexFile, 'utf8'))
  })
}
