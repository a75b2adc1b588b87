import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createApp } from '../../server/app.js'
import { createLogger } from '../../server/logger.js'
import { buildSpec, endpointsOf } from '../../server/api/openapi/spec.js'

/** Hono's `/a/:b` and the sync wildcard, as the document writes them. */
const specPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/\*$/, '/{docName}')

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, walked by key
type Doc = any

describe('the API description', () => {
  let t: TestServer
  let doc: Doc
  /** The same app the server runs (same deps), to read its routes. */
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    t = await startTestServer('pglite')
    app = createApp({ db: t.db.db, engine: t.db.kind, config: t.config, logger: createLogger('error'), services: t.server.services })
    const res = await fetch(`${t.url}/api/openapi.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    doc = await res.json()
  })
  afterAll(() => t?.close())

  it('is OpenAPI 3.1, served without a session', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toBe('Hubwork API')
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30)
  })

  it('has an entry for every route registered in the app, and none for a route that does not exist', () => {
    const endpoints = endpointsOf(app.routes)
    expect(endpoints.length).toBeGreaterThan(40)
    const missing = endpoints.filter((e) => {
      const [method, path] = e.split(' ')
      return !doc.paths[specPath(path)]?.[method.toLowerCase()]
    })
    expect(missing).toEqual([])
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`))
    expect(documented.sort()).toEqual(endpoints.map((e) => { const [m, p] = e.split(' '); return `${m} ${specPath(p)}` }).sort())
  })

  it('notices a route added without documentation', () => {
    const extended = createApp({ db: t.db.db, engine: t.db.kind, config: t.config, logger: createLogger('error'), services: t.server.services })
    extended.get('/api/undocumented-thing', (c) => c.json({}))
    const spec = buildSpec(extended.routes, { version: 'test' })
    expect(spec.undocumented).toEqual(['GET /api/undocumented-thing'])
    expect(spec.unknown).toEqual([])
  })

  it("takes parameters and bodies from the routes' zod schemas", () => {
    const items = doc.paths['/api/items'].get
    const kind = items.parameters.find((p: Doc) => p.name === 'kind')
    expect(kind).toMatchObject({ in: 'query', required: false, schema: { enum: ['exchange', 'action'] } })
    expect(items.parameters.find((p: Doc) => p.name === 'limit').schema).toMatchObject({ minimum: 1, maximum: 500, default: 100 })
    const login = doc.paths['/api/auth/login'].post
    expect(login.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', required: ['email', 'password'] })
    expect(login.responses['200'].content['application/json'].schema.properties.user).toEqual({ $ref: '#/components/schemas/Me' })
    const report = doc.paths['/api/reports/progress'].get.parameters.map((p: Doc) => p.name)
    expect(report).toEqual(expect.arrayContaining(['from', 'to', 'format']))
    const restore = doc.paths['/api/docs/{doc}/versions/{id}/restore'].post
    expect(restore.parameters.map((p: Doc) => [p.name, p.in, p.required])).toEqual([['doc', 'path', true], ['id', 'path', true]])
    // Answers in the error shape, 401 where a session is needed.
    expect(doc.paths['/api/hubs'].get.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' })
    expect(doc.paths['/api/health'].get.responses['401']).toBeUndefined()
  })

  it('every reference resolves', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1])
    expect(refs.length).toBeGreaterThan(20)
    for (const name of new Set(refs)) expect(doc.components.schemas[name], name).toBeDefined()
  })

  it('the reference page lists every operation, offline (no script, nothing from another origin)', async () => {
    const res = await fetch(`${t.url}/api/reference`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Doc>>)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(html).toContain(`id="${op.operationId}"`)
        expect(html).toContain(`${method.toUpperCase()}</span> <code>${path.replace(/&/g, '&amp;')}</code>`)
      }
    }
    expect(html).not.toMatch(/<script|<link|@import|(src|href)="https?:/i)
  })
})
