import { z } from 'zod'
import type { RouterRoute } from 'hono/types'
import { VALIDATED } from '../validate.js'
import { OPERATIONS, type OperationDoc } from './operations.js'
import { ErrorBody } from './views.js'
import { SESSION_COOKIE } from '../../auth/cookie-names.js'

/** A JSON Schema object (as z.toJSONSchema writes it). */
type Schema = Record<string, unknown>

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/** `METHOD path` of every endpoint of the app (middleware and the client's catch-all left out). */
export function endpointsOf(routes: RouterRoute[]): string[] {
  const keys = routes.filter((r) => METHODS.has(r.method) && r.path !== '/*').map((r) => `${r.method} ${r.path}`)
  return [...new Set([...keys, ...OUTSIDE_APP])]
}

/**
 * Endpoints the server answers outside the Hono app: the sync endpoint's WebSocket upgrade is the
 * HTTP server's `upgrade` listener (server/collab/upgrade.ts), so it is in no route list, yet it is
 * part of the API and documented like the rest.
 */
export const OUTSIDE_APP = ['GET /collab/*'] as const

/** Hono's `/a/:b` as OpenAPI's `/a/{b}`; the sync endpoint's wildcard as `{docName}`. */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/\*$/, '/{docName}')
}

/** A zod schema as JSON Schema 2020-12 (what OpenAPI 3.1 uses), as the client sends it (`io: 'input'`). */
function toSchema(schema: z.ZodType, components: Map<string, Schema>): Schema {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as Schema & {
    $defs?: Record<string, Schema>
  }
  // Named schemas (`.meta({ id })`) go to components; references point there.
  for (const [id, def] of Object.entries(out.$defs ?? {})) components.set(id, rewriteRefs(def) as Schema)
  delete out.$defs
  delete out.$schema
  const id = (out as { id?: string }).id
  const body = rewriteRefs(out) as Schema
  if (id) {
    delete (body as { id?: string }).id
    components.set(id, body)
    return { $ref: `#/components/schemas/${id}` }
  }
  return body
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs)
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out[k] = v.replace('#/$defs/', '#/components/schemas/')
      else if (k === 'id' && typeof v === 'string') continue
      else out[k] = rewriteRefs(v)
    }
    return out
  }
  return node
}

/** The properties of an object schema (or of an `allOf` of objects, as `.and()` writes it). */
function objectProperties(s: Schema): { properties: Record<string, Schema>; required: Set<string> } {
  const properties: Record<string, Schema> = {}
  const required = new Set<string>()
  const visit = (node: Schema) => {
    Object.assign(properties, (node.properties as Record<string, Schema>) ?? {})
    for (const r of (node.required as string[]) ?? []) required.add(r)
    for (const part of (node.allOf as Schema[]) ?? []) visit(part)
  }
  visit(s)
  return { properties, required }
}

/** The OpenAPI document and what could not be matched. */
export interface Spec {
  document: Record<string, unknown>
  /** Endpoints of the app with no entry in OPERATIONS (they are missing from the document). */
  undocumented: string[]
  /** Entries of OPERATIONS that no route of the app has. */
  unknown: string[]
}

/**
 * Builds the OpenAPI 3.1 document of the app from its routes: each endpoint's parameters and body
 * from the zod schemas its `validate` middlewares check, its summary, access and answers from
 * OPERATIONS.
 */
export function buildSpec(routes: RouterRoute[], info: { version: string }): Spec {
  const components = new Map<string, Schema>()
  const paths: Record<string, Record<string, unknown>> = {}
  const endpoints = endpointsOf(routes)
  const undocumented: string[] = []
  toSchema(ErrorBody, components)

  for (const key of endpoints) {
    const doc: OperationDoc | undefined = OPERATIONS[key]
    if (!doc) {
      undocumented.push(key)
      continue
    }
    const [method, path] = key.split(' ')
    const checks = routes
      .filter((r) => r.method === method && r.path === path)
      .map((r) => VALIDATED.get(r.handler))
      .filter((v) => v !== undefined)

    const parameters: Record<string, unknown>[] = []
    let requestBody: Record<string, unknown> | undefined
    for (const { target, schema } of checks) {
      if (target === 'json') {
        requestBody = { required: true, content: { 'application/json': { schema: toSchema(schema, components) } } }
        continue
      }
      const where = target === 'param' ? 'path' : target === 'query' ? 'query' : target === 'header' ? 'header' : 'cookie'
      const { properties, required } = objectProperties(toSchema(schema, components))
      for (const [name, s] of Object.entries(properties)) {
        const { description, ...rest } = s as { description?: string }
        parameters.push({ name, in: where, required: where === 'path' || required.has(name), ...(description && { description }), schema: rest })
      }
    }
    // Path parameters no validator checks are plain strings.
    for (const m of path.matchAll(/:([A-Za-z0-9_]+)/g)) {
      if (!parameters.some((p) => p.in === 'path' && p.name === m[1])) parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })
    }
    if (path.endsWith('/*')) parameters.push({ name: 'docName', in: 'path', required: true, description: 'the document name, e.g. `hub/hub-ng/brief`', schema: { type: 'string' } })

    const responses: Record<string, unknown> = {}
    const add = (status: number, description: string, schema?: z.ZodType, media?: string[]) => {
      if (responses[status]) return
      if (media) responses[status] = { description, content: Object.fromEntries(media.map((m) => [m, {}])) }
      else if (schema || status >= 400) responses[status] = { description, content: { 'application/json': { schema: toSchema(schema ?? ErrorBody, components) } } }
      else responses[status] = { description }
    }
    for (const [status, r] of Object.entries(doc.responses)) add(Number(status), r.description, r.schema, r.media)
    if (checks.length) add(400, 'invalid input: the message names the field')
    if (!doc.public) add(401, 'no valid session')
    if (method !== 'GET' && !doc.public) add(403, 'the request carries the session cookie but not `Origin: PUBLIC_ORIGIN`')
    if (requestBody) add(413, 'the body is larger than BODY_MAX_BYTES')

    const operation: Record<string, unknown> = {
      operationId: `${method.toLowerCase()}${path.replace(/[/:*-]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [doc.tag],
      summary: doc.summary,
      description: [`**Who:** ${doc.access}.`, doc.description].filter(Boolean).join('\n\n'),
      ...(parameters.length && { parameters }),
      ...(requestBody && { requestBody }),
      responses,
      ...(doc.public ? { security: [] } : {}),
    }
    const p = openApiPath(path)
    paths[p] ??= {}
    paths[p][method.toLowerCase()] = operation
  }

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Hubwork API',
      version: info.version,
      description:
        'The REST API of Hubwork, under `/api` (JSON), with the sync endpoint `/collab/<docName>` (WebSocket) and `/metrics`. ' +
        'Sign in with `POST /api/auth/login`; the session is an httpOnly cookie. A state-changing request that carries the cookie ' +
        'must carry `Origin: PUBLIC_ORIGIN`. Errors are `{"error": {"code", "message"}}` with the matching status.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(Object.values(OPERATIONS).map((o) => o.tag))].map((name) => ({ name })),
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'set by POST /api/auth/login' } },
      schemas: Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b))),
    },
    security: [{ session: [] }],
    paths,
  }
  return { document, undocumented, unknown: Object.keys(OPERATIONS).filter((k) => !endpoints.includes(k)) }
}
