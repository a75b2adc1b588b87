import { Hono } from 'hono'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { AppEnv } from '../../app-env.js'
import { PROJECT_ROOT } from '../../project-root.js'
import { buildSpec, type Spec } from './spec.js'
import { renderReference } from './reference-html.js'

/**
 * `GET /api/openapi.json` and `GET /api/reference` (public): the API description of `app`, built
 * from its routes at the first request (after every route is registered) and kept.
 */
export function openApiRoutes(app: Hono<AppEnv>) {
  let spec: Spec | null = null
  let html: string | null = null
  const get = () => {
    const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
    spec ??= buildSpec(app.routes, { version })
    return spec
  }
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.json(get().document))
    .get('/reference', (c) => {
      html ??= renderReference(get().document)
      return c.html(html)
    })
}
