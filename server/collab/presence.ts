import { applyAwarenessUpdate } from 'y-protocols/awareness'
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './protocol.js'
import type { Connection, Room } from './room.js'
import type { ClaimVerdict } from './handover.js'

/** Why a presence message was refused (the connection is closed with 4403). */
export type PresenceRefusal = { reason: string }

/**
 * Applies a connection's presence (awareness) message to its room, stamped with the signed-in
 * user: nobody can appear as someone else. A connection speaks for one awareness client id, bound
 * at its first presence message.
 * @returns a refusal when the message speaks for another client id, else null
 */
export function applyPresence(
  room: Room,
  conn: Connection,
  update: Uint8Array,
  /** A claim on an id another open connection holds (handover.ts); the claimant is refused through it if the holder answers. */
  claim: (holder: Connection) => ClaimVerdict,
): PresenceRefusal | null {
  const own = []
  for (const entry of decodeAwarenessUpdate(update)) {
    if (conn.awarenessClientId === null && !presenceHolder(room, entry.clientId)) {
      conn.awarenessClientId = entry.clientId
    }
    if (entry.clientId === conn.awarenessClientId) {
      own.push(entry)
      continue
    }
    // y-websocket clients echo every presence change they see, others' included; echoes and
    // local time-outs (null states) are ignored. A newer state for someone else is a spoof.
    const current = room.awareness.meta.get(entry.clientId)?.clock ?? -1
    if (entry.state !== null && entry.clock > current) {
      // Unless it is this client's own id, still held by its previous, half-open socket (handover.ts).
      const holder = conn.awarenessClientId === null ? presenceHolder(room, entry.clientId) : undefined
      const verdict = holder && holder !== conn ? claim(holder) : 'refuse'
      // Being settled: the frame waits (`conn.held`) and is applied again later.
      if (verdict === 'asked') return null
      if (verdict === 'refuse') return { reason: PRESENCE_SPOOF }
      conn.awarenessClientId = entry.clientId
      own.push(entry)
    }
  }
  if (own.length === 0) return null
  const stamped = own.map((e) => ({
    ...e,
    state:
      e.state === null
        ? null
        : {
            ...e.state,
            // Viewers paint `color` straight into CSS: anything but #rrggbb (a `url(…)` the
            // viewer's browser would fetch, an expression) is replaced by the user's own colour.
            color: safeColor(e.state.color, conn.stamp.id),
            // Lexical draws collaborator cursors with `name`: that label is the server's too.
            name: `${conn.stamp.name} (${conn.stamp.mission})`,
            user: withSafeColor({ ...(isObject(e.state.user) ? e.state.user : {}), ...conn.stamp }, conn.stamp.id),
          },
  }))
  applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(stamped), conn)
  return null
}

export const PRESENCE_SPOOF = 'presence for another client id'

/** The open connection speaking for a presence client id, if any. */
function presenceHolder(room: Room, clientId: number): Connection | undefined {
  for (const other of room.connections) if (other.awarenessClientId === clientId && other.isOpen()) return other
  return undefined
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

/** Colours the server hands out when a client's own is missing or not a plain #rrggbb. */
const FALLBACK_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22']

/** A stable colour per user, so the same person keeps one colour on every screen. */
function colorFor(userId: string): string {
  let h = 0
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0
  return FALLBACK_COLORS[h % FALLBACK_COLORS.length]!
}

function safeColor(color: unknown, userId: string): string {
  return typeof color === 'string' && HEX_COLOR.test(color) ? color : colorFor(userId)
}

function withSafeColor(user: Record<string, unknown>, userId: string): Record<string, unknown> {
  return 'color' in user ? { ...user, color: safeColor(user.color, userId) } : user
}
