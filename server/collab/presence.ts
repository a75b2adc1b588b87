import { applyAwarenessUpdate } from 'y-protocols/awareness'
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './protocol.js'
import type { Connection, Room } from './room.js'

/** Why a presence message was refused (the connection is closed with 4403). */
export type PresenceRefusal = { reason: string }

/**
 * Applies a connection's presence (awareness) message to its room, stamped with the signed-in
 * user: nobody can appear as someone else. A connection speaks for one awareness client id, bound
 * at its first presence message.
 * @returns a refusal when the message speaks for another client id, else null
 */
export function applyPresence(room: Room, conn: Connection, update: Uint8Array): PresenceRefusal | null {
  const own = []
  for (const entry of decodeAwarenessUpdate(update)) {
    if (conn.awarenessClientId === null && !isPresenceOwned(room, entry.clientId)) {
      conn.awarenessClientId = entry.clientId
    }
    if (entry.clientId === conn.awarenessClientId) {
      own.push(entry)
      continue
    }
    // y-websocket clients echo every presence change they see, others' included; echoes and
    // local time-outs (null states) are ignored. A newer state for someone else is a spoof.
    const current = room.awareness.meta.get(entry.clientId)?.clock ?? -1
    if (entry.state !== null && entry.clock > current) return { reason: 'presence for another client id' }
  }
  if (own.length === 0) return null
  const stamped = own.map((e) => ({
    ...e,
    state:
      e.state === null
        ? null
        : {
            ...e.state,
            // Lexical draws collaborator cursors with `name`: that label is the server's too.
            name: `${conn.stamp.name} (${conn.stamp.mission})`,
            user: { ...(isObject(e.state.user) ? e.state.user : {}), ...conn.stamp },
          },
  }))
  applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(stamped), conn)
  return null
}

function isPresenceOwned(room: Room, clientId: number): boolean {
  for (const other of room.connections) if (other.awarenessClientId === clientId) return true
  return false
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
