import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client } from '../support/http.js'
import { messageStored } from '../../shared/stored-acks.js'

/**
 * "Stored" acknowledgements (`?acks=1`): the server tells a client how many of its update frames
 * are safe, so the client knows its changes reached the database — the sync handshake only says
 * the server's state reached the client. A sign-out that trusted the handshake deleted the offline
 * copy of changes still in flight.
 */
for (const engine of ENGINES) {
  describe(`${engine}: stored acknowledgements`, () => {
    let t: TestServer
    let cast: CastOf<typeof TEAM>
    let doc: string
    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, TEAM)
      const note = await client(t.url, t.origin, cast.cookies.alice).request('POST', `/api/hubs/${cast.hubs.hub.id}/notes`, { title: 'Acks' })
      expect(note.status).toBe(201)
      doc = note.body.docName
    })
    afterAll(() => t?.close())

    /** A client that records the acknowledgements it receives. */
    const withAcks = (cookie: string, params?: Record<string, string>) => {
      const c = connectClient(t.url, doc, cookie, { origin: t.origin, params })
      const acks: number[] = []
      c.provider.messageHandlers[messageStored] = (_encoder, decoder) => void acks.push(decoding.readVarUint(decoder))
      return { ...c, acks }
    }
    const storedRows = async () => (await t.db.db.selectFrom('doc_updates').select('seq').where('doc', '=', doc).execute()).length

    it('acknowledges the step 2 and every update, in order, each once it is in the database', async () => {
      const a = withAcks(cast.cookies.alice, { acks: '1' })
      try {
        await until(() => a.provider.synced && a.acks.length === 1, 10_000, 'the step 2 acknowledged')
        expect(a.acks).toEqual([1])
        const before = await storedRows()
        const text = a.doc.getText('t')
        for (const word of ['one ', 'two ', 'three ']) text.insert(text.length, word)
        await until(() => a.acks.at(-1) === 4, 10_000, 'three updates acknowledged')
        expect(a.acks).toEqual([...a.acks].sort((x, y) => x - y))
        // Acknowledged means stored: read right after the acknowledgement, the rows are there.
        expect(await storedRows()).toBe(before + 3)
      } finally {
        a.destroy()
      }
    })

    it('sends nothing to a client that did not ask, nor to a reader', async () => {
      const plain = withAcks(cast.cookies.alice)
      const reader = withAcks(cast.cookies.hq, { acks: '1' })
      const writer = withAcks(cast.cookies.alice, { acks: '1' })
      try {
        await until(() => plain.provider.synced && reader.provider.synced && writer.provider.synced, 10_000, 'all synced')
        plain.doc.getText('t').insert(0, 'plain ')
        await until(() => writer.doc.getText('t').toString().includes('plain '), 10_000, 'relayed to the writer')
        writer.doc.getText('t').insert(0, 'writer ')
        await until(() => writer.acks.at(-1) === 2 && plain.doc.getText('t').toString().includes('writer '), 10_000, 'writer acknowledged')
        await until(() => reader.doc.getText('t').toString().includes('writer '), 10_000, 'relayed to the reader')
        expect(plain.acks).toEqual([])
        expect(reader.acks).toEqual([])
      } finally {
        for (const c of [plain, reader, writer]) c.destroy()
      }
    })
  })
}
