import { Hono } from 'hono'
import type { Registry } from 'prom-client'
import type { AppEnv } from '../app-env.js'
import { clientAddress } from './client-address.js'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** `GET /metrics`: Prometheus text, for callers on loopback only (an operator's tool, not the public's). */
export function metricsRoute(registry: Registry) {
  return new Hono<AppEnv>().get('/', async (c) => {
    if (!LOOPBACK.has(clientAddress(c))) {
      return c.json({ error: { code: 'forbidden', message: 'metrics are served on loopback only' } }, 403)
    }
    c.header('content-type', registry.contentType)
    return c.body(await registry.metrics())
  })
}
