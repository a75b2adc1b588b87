import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * "Stored" acknowledgements: an extension of the y-websocket protocol a client asks for with
 * `?acks=1` on the sync address. After each of the client's update frames (its sync step 2 and
 * every update) has been handled — stored durably, or found to need no storing — the server sends
 * `[messageStored, n]`: the first n update frames of this connection are safe. A client that
 * counts the update frames it sent knows exactly when its changes are on the server: the sync
 * handshake alone only says the server's state reached the client, not the other way round (a
 * sign-out that trusted it deleted the offline copy of changes still in flight).
 * The type is outside y-protocols' (0–3); clients that did not ask never receive it.
 */
export const messageStored = 100

/** The query parameter a client sets to `1` to receive the acknowledgements. */
export const STORED_ACKS_PARAM = 'acks'

/** `[messageStored, n]`. */
export function encodeStored(n: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageStored)
  encoding.writeVarUint(encoder, n)
  return encoding.toUint8Array(encoder)
}

/** Whether a frame a client sends is one the server acknowledges: `[sync, step2 | update, …]`. */
export function isUpdateFrame(frame: Uint8Array): boolean {
  if (frame.byteLength < 2 || frame[0] !== 0) return false
  const decoder = decoding.createDecoder(frame)
  decoding.readVarUint(decoder)
  const syncType = decoding.readVarUint(decoder)
  return syncType === 1 || syncType === 2
}

/** Whether a client's frame is its sync step 2 (the answer to the server's step 1). */
export function isStep2Frame(frame: Uint8Array): boolean {
  return frame.byteLength >= 2 && frame[0] === 0 && frame[1] === 1
}
