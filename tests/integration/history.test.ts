import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastHub, type CastOf } from '../support/cast.js'
import { client as httpClient, type Client } from '../support/http.js'
import { connectClient, until } from '../support/ws-client.js'
import { bindHeadless, buildLexicalDoc, lexicalDocToText } from '../../server/editor/headless.js'
import { lexicalRestoreUpdate } from '../../server/history/lexical-restore.js'
import { readDocState } from '../../server/db/update-store.js'
import { createAction, createExchange, deleteItem, readExchanges, readLogItem, updateItem } from '../../shared/log-doc.js'

const enc = encodeURIComponent

const CAST = TEAM

for (const engine of ENGINES) {
  describe(`${engine}: version history and restore`, () => {
    let t: TestServer
    let hub: CastHub
    let cast: CastOf<typeof CAST>
    const http = {} as Record<keyof typeof CAST.users | 'anon', Client>
    const cleanup: (() => void)[] = []
    const connect = (doc: string, who: keyof typeof CAST.users) => {
      const c = connectClient(t.url, doc, cast.cookies[who], { origin: t.origin })
      cleanup.push(() => c.destroy())
      return c
    }
    /** Waits for a stored version whose text satisfies `ok`; returns its id. */
    const versionWhere = async (doc: string, ok: (text: string) => boolean) => {
      let found = 0
      await until(async () => {
        const list = await http.alice.request('GET', `/api/docs/${enc(doc)}/versions`)
        for (const v of list.body as { id: number }[]) {
          const one = await http.alice.request('GET', `/api/docs/${enc(doc)}/versions/${v.id}`)
          if (ok(one.body.text)) {
            found = v.id
            return true
          }
        }
        return false
      }, 15_000, 'a matching version')
      return found
    }

    beforeAll(async () => {
      t = await startTestServer(engine, {}, { idleUnloadMs: 200, versionIntervalMs: 100 })
      cast = await createCast(t.db.db, CAST)
      hub = cast.hubs.hub
      for (const name of Object.keys(cast.cookies) as (keyof typeof cast.cookies)[]) http[name] = httpClient(t.url, t.origin, cast.cookies[name])
      http.anon = httpClient(t.url, t.origin, null)
    })
    afterAll(async () => {
      for (const c of cleanup) c()
      await t?.close()
    })

    it('restores an old brief as a live edit; the replaced state stays in history and can be restored back', async () => {
      const doc = `hub/${hub.id}/brief`
      const a = connect(doc, 'alice')
      const b = connect(doc, 'bob')
      await until(() => a.provider.synced && b.provider.synced)
      const editor = bindHeadless(a.doc)
      cleanup.push(editor.close)
      const write = (text: string) =>
        editor.editor.update(() => {
          $getRoot().clear().append($createParagraphNode().append($createTextNode(text)))
        }, { discrete: true })
      const bobText = () => lexicalDocToText(Y.encodeStateAsUpdate(b.doc))

      write('Original brief: submarine cables and 5G.')
      const v1 = await versionWhere(doc, (s) => s === 'Original brief: submarine cables and 5G.')
      write('Rewritten brief about AI governance.')
      await until(async () => (await bobText()) === 'Rewritten brief about AI governance.')
      await versionWhere(doc, (s) => s.startsWith('Rewritten'))

      const list = await http.alice.request('GET', `/api/docs/${enc(doc)}/versions`)
      expect(list.status).toBe(200)
      const listed = list.body.find((v: { id: number }) => v.id === v1)
      expect(listed.editors).toContainEqual({ id: cast.ids.alice, name: 'Alice Example' })
      expect(list.body[0].id).toBeGreaterThan(list.body.at(-1).id)

      const one = await http.hq.request('GET', `/api/docs/${enc(doc)}/versions/${v1}`)
      expect(one.status).toBe(200)
      expect(one.body.text).toBe('Original brief: submarine cables and 5G.')
      const fromState = await lexicalDocToText(new Uint8Array(Buffer.from(one.body.state, 'base64')))
      expect(fromState).toBe(one.body.text)

      const diff = await http.alice.request('GET', `/api/docs/${enc(doc)}/versions/${v1}/diff`)
      expect(diff.status).toBe(200)
      expect(diff.body.kind).toBe('text')
      const seg = (op: string) => diff.body.segments.filter((s: { op: string }) => s.op === op).map((s: { text: string }) => s.text).join('')
      expect(seg('removed')).toContain('Original')
      expect(seg('added')).toContain('Rewritten')

      expect((await http.hq.request('POST', `/api/docs/${enc(doc)}/versions/${v1}/restore`)).status).toBe(403)
      const restored = await http.alice.request('POST', `/api/docs/${enc(doc)}/versions/${v1}/restore`)
      expect(restored.status).toBe(200)
      // Bob, connected all along, sees the restored text as a live edit.
      await until(async () => (await bobText()) === 'Original brief: submarine cables and 5G.', 10_000, 'bob sees the restore')
      const live = await t.server.services.collab!.currentState(doc)
      expect(await lexicalDocToText(live)).toBe('Original brief: submarine cables and 5G.')
      // The restore is attributed to Alice in the stored updates.
      const last = await t.db.db.selectFrom('doc_updates').select('user_id').where('doc', '=', doc).orderBy('seq', 'desc').executeTakeFirst()
      expect(last?.user_id).toBe(cast.ids.alice)

      // The newer state is still in history, and restoring it undoes the restore.
      const before = await http.alice.request('GET', `/api/docs/${enc(doc)}/versions/${restored.body.beforeVersionId}`)
      expect(before.body.reason).toBe('before restore')
      expect(before.body.text).toBe('Rewritten brief about AI governance.')
      const undo = await http.bob.request('POST', `/api/docs/${enc(doc)}/versions/${restored.body.beforeVersionId}/restore`)
      expect(undo.status).toBe(200)
      await until(async () => (await bobText()) === 'Rewritten brief about AI governance.', 10_000, 'undo of the restore')
      await until(() => editor.editor.getEditorState().read(() => $getRoot().getTextContent()) === 'Rewritten brief about AI governance.')
    })

    it('recovers one deleted log entry alone; later edits of other entries stay', async () => {
      const doc = `hub/${hub.id}/log`
      const a = connect(doc, 'alice')
      await until(() => a.provider.synced)
      const gone = createExchange(a.doc, { title: 'Talk with the regulator', body: 'Data flows.', mission: 'EU', authorId: cast.ids.alice, themes: ['ai'] })
      const kept = createExchange(a.doc, { title: 'Cable workshop', mission: 'EU', authorId: cast.ids.alice })
      const action = createAction(a.doc, { title: 'Joint 5G event', mission: 'EU', authorId: cast.ids.alice, status: 'planned' })
      const full = await versionWhere(doc, (s) => [gone, kept, action].every((id) => s.includes(id)))
      const text = (await http.alice.request('GET', `/api/docs/${enc(doc)}/versions/${full}`)).body.text
      expect(JSON.parse(text).exchanges[gone].title).toBe('Talk with the regulator')

      deleteItem(a.doc, gone)
      updateItem(a.doc, kept, { title: 'Cable workshop (edited after)' })
      await versionWhere(doc, (s) => !s.includes(gone) && s.includes('edited after'))

      const diff = await http.alice.request('GET', `/api/docs/${enc(doc)}/versions/${full}/diff`)
      expect(diff.body.kind).toBe('log')
      expect(diff.body.removed.map((e: { id: string }) => e.id)).toEqual([gone])
      expect(diff.body.changed).toContainEqual(
        expect.objectContaining({ id: kept, fields: expect.arrayContaining([{ field: 'title', before: 'Cable workshop', after: 'Cable workshop (edited after)' }]) }),
      )

      const deleted = await http.hq.request('GET', `/api/docs/${enc(doc)}/deleted`)
      expect(deleted.status).toBe(200)
      expect(deleted.body).toEqual([expect.objectContaining({ kind: 'exchange', id: gone, title: 'Talk with the regulator' })])
      expect((await http.hq.request('POST', `/api/docs/${enc(doc)}/deleted/exchange/${gone}/restore`)).status).toBe(403)
      expect((await http.alice.request('POST', `/api/docs/${enc(doc)}/deleted/exchange/nope/restore`)).status).toBe(404)

      const back = await http.alice.request('POST', `/api/docs/${enc(doc)}/deleted/exchange/${gone}/restore`)
      expect(back.status).toBe(200)
      await until(() => readLogItem(a.doc, gone) !== null, 10_000, 'the entry comes back live')
      expect(readLogItem(a.doc, gone)).toMatchObject({ title: 'Talk with the regulator', body: 'Data flows.', themes: ['ai'] })
      expect(readLogItem(a.doc, kept)?.title).toBe('Cable workshop (edited after)')
      expect(readLogItem(a.doc, action)?.title).toBe('Joint 5G event')
      expect(readExchanges(a.doc)).toHaveLength(2)
      expect((await http.alice.request('GET', `/api/docs/${enc(doc)}/deleted`)).body).toEqual([])

      // A whole-log restore resets the edited entry too.
      const whole = await http.bob.request('POST', `/api/docs/${enc(doc)}/versions/${full}/restore`)
      expect(whole.status).toBe(200)
      await until(() => readLogItem(a.doc, kept)?.title === 'Cable workshop', 10_000, 'whole-log restore')
    })

    it('restores a note whose room is not open, through the same persisted path', async () => {
      const created = await http.alice.request('POST', `/api/hubs/${hub.id}/notes`, { title: 'Minutes' })
      expect(created.status).toBe(201)
      const doc = created.body.docName as string
      const collab = t.server.services.collab!
      await collab.applyServerUpdate(doc, await buildLexicalDoc([{ type: 'h1', text: 'Minutes' }, { type: 'p', text: 'Agreed: joint statement.' }]), cast.ids.alice)
      const v1 = await collab.forceVersion(doc, 'test')
      const later = await lexicalRestoreUpdate(await collab.currentState(doc), await buildLexicalDoc([{ type: 'p', text: 'Scrapped.' }]))
      await collab.applyServerUpdate(doc, later!, cast.ids.bob)
      await until(() => !collab.openRooms().includes(doc), 10_000, 'the room unloads')

      const events: unknown[] = []
      t.server.services.history!.events.once('restored', (e) => events.push(e))
      const res = await http.bob.request('POST', `/api/docs/${enc(doc)}/versions/${v1}/restore`)
      expect(res.status).toBe(200)
      expect(events).toEqual([expect.objectContaining({ doc, versionId: v1, userId: cast.ids.bob, beforeVersionId: res.body.beforeVersionId })])
      const stored = await readDocState(t.db.db, doc)
      expect(await lexicalDocToText(stored!.update)).toBe('Minutes\nAgreed: joint statement.')
      const versions = await http.alice.request('GET', `/api/docs/${enc(doc)}/versions`)
      const before = versions.body.find((v: { id: number }) => v.id === res.body.beforeVersionId)
      expect(before.reason).toBe('before restore')
      expect((await http.alice.request('GET', `/api/docs/${enc(doc)}/versions/${before.id}`)).body.text).toBe('Scrapped.')
      expect(versions.body[0]).toMatchObject({ id: res.body.restoredVersionId, editors: [{ id: cast.ids.bob, name: 'Bob Beispiel' }] })
    })

    it('answers 401, 403 and 404 as the contract says', async () => {
      const brief = `hub/${hub.id}/brief`
      expect((await http.anon.request('GET', `/api/docs/${enc(brief)}/versions`)).status).toBe(401)
      expect((await http.carol.request('GET', `/api/docs/${enc(brief)}/versions`)).status).toBe(403)
      expect((await http.hq.request('GET', `/api/docs/${enc(brief)}/versions`)).status).toBe(200)
      const missing = await http.alice.request('GET', `/api/docs/${enc('hub/no-such-hub/brief')}/versions`)
      expect(missing.status).toBe(404)
      expect(missing.body.error.code).toBe('not_found')
      expect((await http.alice.request('GET', `/api/docs/${enc(`hub/${hub.id}/notes/nope`)}/versions`)).status).toBe(404)
      expect((await http.alice.request('GET', `/api/docs/${enc('not/a/doc')}/versions`)).status).toBe(404)
      expect((await http.alice.request('GET', `/api/docs/${enc(brief)}/versions/999999`)).status).toBe(404)
      expect((await http.alice.request('POST', `/api/docs/${enc(brief)}/versions/999999/restore`)).status).toBe(404)
      expect((await http.alice.request('GET', `/api/docs/${enc(brief)}/versions/abc`)).status).toBe(400)
      expect((await http.alice.request('GET', `/api/docs/${enc(brief)}/deleted`)).status).toBe(404)
    })
  })
}
