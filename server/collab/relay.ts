import * as Y from 'yjs'
import { encodeUpdateMessage } from './protocol.js'
import type { Connection, Room } from './room.js'

/**
 * The one step that makes durable content live: apply it to the room's document and send it to
 * the room's peers. Called only after the update is committed (persist before relay), for a
 * client's update, a server edit, or updates another process committed.
 * @param except the connection that sent it (it has the update already), or null
 */
export function relay(room: Room, update: Uint8Array, except: Connection | null): void {
  Y.applyUpdate(room.doc, update, except ?? 'server')
  if (room.connections.size === 0) return
  // One encoding for all peers: the frame is the same for each of them.
  const message = encodeUpdateMessage(update)
  for (const conn of room.connections) if (conn !== except) conn.send(message)
}
