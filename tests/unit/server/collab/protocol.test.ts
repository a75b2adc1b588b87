import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import {
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwarenessMessage,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
  messageYjsSyncStep1,
  messageYjsUpdate,
  ProtocolError,
} from '../../../../server/collab/protocol.js'

/** A frame written field by field, for shapes no encoder of the module would produce. */
const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder()
  for (const p of parts) p(e)
  return encoding.toUint8Array(e)
}
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n)
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b)

const docWith = (text: string) => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return doc
}

/** One test per case: decoding the bytes throws a ProtocolError whose message matches. */
function refusesEach(decode: (data: Uint8Array) => unknown, cases: [what: string, data: Uint8Array, message: RegExp][]) {
  for (const [what, data, message] of cases) {
    it(`refuses ${what}`, () => {
      let err: unknown = null
      try {
        decode(data)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(ProtocolError)
      expect((err as Error).message).toMatch(message)
    })
  }
}

describe('decodeClientMessage: well-formed frames', () => {
  it('reads sync step 1 with the state vector the encoder wrote', () => {
    const doc = docWith('hello')
    expect(decodeClientMessage(encodeSyncStep1(doc))).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) })
  })

  it('reads sync step 2 as an update flagged step2, carrying exactly what the peer lacks', () => {
    const doc = docWith('hello')
    const peer = new Y.Doc()
    const message = decodeClientMessage(encodeSyncStep2(doc, Y.encodeStateVector(peer)))
    expect(message).toMatchObject({ type: 'update', step2: true })
    Y.applyUpdate(peer, (message as { update: Uint8Array }).update)
    expect(peer.getText('t').toString()).toBe('hello')
  })

  it('reads a live update as not step2, byte for byte', () => {
    const update = Y.encodeStateAsUpdate(docWith('x'))
    expect(decodeClientMessage(encodeUpdateMessage(update))).toEqual({ type: 'update', update, step2: false })
  })

  it('reads awareness and query-awareness frames', () => {
    const update = encodeAwarenessUpdate([{ clientId: 1, clock: 2, state: { user: { name: 'A' } } }])
    expect(decodeClientMessage(encodeAwarenessMessage(update))).toEqual({ type: 'awareness', update })
    expect(decodeClientMessage(new Uint8Array([messageQueryAwareness]))).toEqual({ type: 'query-awareness' })
  })
})

describe('decodeClientMessage: malformed frames are ProtocolErrors, never crashes or huge allocations', () => {
  refusesEach(decodeClientMessage, [
    ['an empty frame', new Uint8Array([]), /^malformed message$/],
    ['an unknown message type', new Uint8Array([9]), /^unknown message type 9$/],
    ['the auth message type, which the server does not take', frame(uint(2), uint(0)), /^unknown message type 2$/],
    ['an unknown sync sub-type', frame(uint(messageSync), uint(7), bytes(new Uint8Array([0]))), /^unknown sync message 7$/],
    ['a sync frame cut before its payload', frame(uint(messageSync), uint(messageYjsUpdate)), /^malformed message$/],
    ['a varint that never ends', new Uint8Array([0x80, 0x80, 0x80]), /^malformed message$/],
    ['a length prefix past the end (a "bomb")', frame(uint(messageSync), uint(messageYjsUpdate), uint(2 ** 31), (e) => encoding.writeUint8(e, 1)), /length prefix larger than the frame/],
    ['an awareness length one byte too long', frame(uint(messageAwareness), uint(3), (e) => encoding.writeUint8(e, 1), (e) => encoding.writeUint8(e, 2)), /length prefix larger than the frame/],
    ['trailing bytes after a whole message', new Uint8Array([messageQueryAwareness, 0]), /^trailing bytes after the message$/],
    ['trailing bytes after a sync step 1', frame(uint(messageSync), uint(messageYjsSyncStep1), bytes(new Uint8Array([0])), uint(5)), /^trailing bytes/],
  ])

  it('keeps a payload at exactly the bytes left (the bound is inclusive)', () => {
    const data = frame(uint(messageSync), uint(messageYjsUpdate), uint(2), (e) => encoding.writeUint8(e, 0), (e) => encoding.writeUint8(e, 0))
    expect(decodeClientMessage(data)).toEqual({ type: 'update', update: new Uint8Array([0, 0]), step2: false })
  })
})

describe('awareness updates', () => {
  it('round-trip, including a client that left (null state)', () => {
    const entries = [
      { clientId: 7, clock: 3, state: { user: { name: 'Zoë', color: '#123456' } } },
      { clientId: 2 ** 31, clock: 0, state: null },
    ]
    expect(decodeAwarenessUpdate(encodeAwarenessUpdate(entries))).toEqual(entries)
  })

  it('reads what y-protocols itself writes', () => {
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(doc)
    awareness.setLocalStateField('user', { name: 'From y-protocols' })
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
    const [entry] = decodeAwarenessUpdate(update)
    expect(entry).toMatchObject({ clientId: doc.clientID, state: { user: { name: 'From y-protocols' } } })
    expect(entry.clock).toBe(awareness.meta.get(doc.clientID)!.clock)
    awareness.destroy()
  })

  const entry = (json: string) => frame(uint(1), uint(5), uint(1), (e) => encoding.writeVarString(e, json))
  refusesEach(decodeAwarenessUpdate, [
    ['more than 64 entries', frame(uint(65)), /too many awareness entries/],
    ['a state that is an array', entry('[1,2]'), /not an object/],
    ['a state that is a string', entry('"me"'), /not an object/],
    ['a state that is not JSON', entry('{"user":'), /^malformed awareness update$/],
    ['an entry cut short', frame(uint(2), uint(5), uint(1), (e) => encoding.writeVarString(e, '{}')), /^malformed awareness update$/],
  ])

  it('accepts exactly 64 entries', () => {
    const many = Array.from({ length: 64 }, (_, i) => ({ clientId: i, clock: 1, state: {} }))
    expect(decodeAwarenessUpdate(encodeAwarenessUpdate(many))).toHaveLength(64)
  })
})
