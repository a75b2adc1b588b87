import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

/**
 * The y-websocket wire format, pure (bytes ↔ messages). Names follow y-protocols.
 *   [messageSync, messageYjsSyncStep1, stateVector] · [messageSync, step2|update, update]
 *   [messageAwareness, awarenessUpdate] · [messageQueryAwareness]
 */
export const messageSync = 0
export const messageAwareness = 1
export const messageAuth = 2
export const messageQueryAwareness = 3
export const { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } = syncProtocol

/** A decoded client message. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array; step2: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }

/** Raised for a frame that is not a valid y-websocket message. */
export class ProtocolError extends Error {}

/**
 * Decodes one binary frame. Length prefixes are checked against the bytes actually present
 * (lib0 would otherwise read past the end or allocate for a "bomb" length).
 * @throws ProtocolError
 */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    let message: ClientMessage
    if (type === messageSync) {
      const syncType = decoding.readVarUint(decoder)
      const payload = readBoundedBytes(decoder)
      if (syncType === messageYjsSyncStep1) message = { type: 'sync-step1', stateVector: payload }
      else if (syncType === messageYjsSyncStep2 || syncType === messageYjsUpdate) {
        message = { type: 'update', update: payload, step2: syncType === messageYjsSyncStep2 }
      } else throw new ProtocolError(`unknown sync message ${syncType}`)
    } else if (type === messageAwareness) {
      message = { type: 'awareness', update: readBoundedBytes(decoder) }
    } else if (type === messageQueryAwareness) {
      message = { type: 'query-awareness' }
    } else {
      throw new ProtocolError(`unknown message type ${type}`)
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message')
    return message
  } catch (err) {
    throw err instanceof ProtocolError ? err : new ProtocolError('malformed message')
  }
}

function readBoundedBytes(decoder: decoding.Decoder): Uint8Array {
  const len = decoding.readVarUint(decoder)
  if (len > decoder.arr.length - decoder.pos) throw new ProtocolError('length prefix larger than the frame')
  return decoding.readUint8Array(decoder, len)
}

/** `[sync, step1, stateVector(doc)]`: asks the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** `[sync, step2, diff]`: what the client lacks, given its state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

/** `[sync, update, update]`: a live update for peers. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** `[awareness, update]`. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** One entry of an awareness update. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The JSON state; `null` means "this client left". */
  state: Record<string, unknown> | null
}

/** Decodes an awareness update (y-protocols awareness format). @throws ProtocolError */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    if (count > 64) throw new ProtocolError('too many awareness entries')
    const entries: AwarenessEntry[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      const state = JSON.parse(json) as unknown
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new ProtocolError('awareness state is not an object')
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null })
    }
    return entries
  } catch (err) {
    throw err instanceof ProtocolError ? err : new ProtocolError('malformed awareness update')
  }
}

/** Encodes awareness entries (y-protocols awareness format). */
export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, JSON.stringify(e.state))
  }
  return encoding.toUint8Array(encoder)
}
