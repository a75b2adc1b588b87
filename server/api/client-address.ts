import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppEnv } from '../app-env.js'

/** `::ffff:10.0.0.1` and `10.0.0.1` are one address. */
const plain = (a: string) => a.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')

/**
 * The client's address. X-Forwarded-For is believed only when the socket's peer is a configured
 * trusted proxy (TRUST_PROXY), and then read from the right: the nearest address a trusted proxy
 * did not add is the client. Anyone else could set the header to dodge the per-address limit.
 */
export function clientAddress(c: Context): string {
  let peer: string
  try {
    peer = plain(getConnInfo(c).remote.address ?? 'unknown')
  } catch {
    return 'unknown'
  }
  const trusted = (c as Context<AppEnv>).var.deps?.config.trustProxy ?? []
  if (!trusted.includes(peer)) return peer
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => plain(h.trim())).filter(Boolean)
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.includes(hops[i]!)) return hops[i]!
  return hops[0] ?? peer
}
