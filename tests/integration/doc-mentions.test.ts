import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastOf } from '../support/cast.js'
import { connectClient, until } from '../support/ws-client.js'
import { client, type Client } from '../support/http.js'
import { ENGINES } from '../support/engines.js'
import { bindHeadless, settle } from '../../server/editor/headless.js'
import { readDocState } from '../../server/db/update-store.js'
import { createNoteRow } from '../support/factories.js'
import { $createMentionNode } from '../../shared/editor/mention-node.js'

const enc = encodeURIComponent
type Who = keyof CastOf<typeof TEAM>['ids']

/**
 * "@Ewa" in the brief notifies Ewa. A member writes a mention node (a real Lexical editor
 * over a real y-websocket client); the server, not the client, decides who wrote it, whether the
 * person named may read the brief, and tells them once per node in their inbox. A mention node of
 * any other shape is refused at the door (4422).
 */
for (const engine of ENGINES) {
  describe(`${engine}: mentions in the brief notify`, () => {
    let t: TestServer
    let cast: CastOf<typeof TEAM>
    const http = {} as Record<Who, Client>
    const cleanup: (() => void)[] = []
    const brief = () => `hub/${cast.hubs.hub.id}/brief`

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, TEAM)
      for (const who of Object.keys(cast.ids) as Who[]) http[who] = client(t.url, t.origin, cast.cookies[who])
    })
    afterAll(async () => {
      for (const c of cleanup.splice(0)) c()
      await t?.close()
    })

    async function connect(who: Who, doc = brief()) {
      const c = connectClient(t.url, doc, cast.cookies[who], { origin: t.origin })
      cleanup.push(() => c.destroy())
      await until(() => c.provider.synced, 10_000, `${who} synced`)
      return c
    }

    const mentions = async (who: Who) => {
      const r = await http[who].request('GET', '/api/inbox')
      expect(r.status).toBe(200)
      return (r.body.entries as { kind: string; actorName: string; doc: string; hubName: string; itemTitle: string; link: string }[]).filter((e) => e.kind === 'mention')
    }

    /** Alice types a line with mentions of these people, in her own editor (a new paragraph). */
    async function aliceWrites(editor: ReturnType<typeof bindHeadless>, text: string, userIds: string[]) {
      editor.editor.update(() => {
        const p = $createParagraphNode().append($createTextNode(text))
        for (const id of userIds) p.append($createMentionNode(id), $createTextNode(' '))
        $getRoot().append(p)
      }, { discrete: true })
      await settle()
    }

    it('tells the colleague mentioned, with who mentioned them, the hub, the brief and the line; never an outsider', async () => {
      const a = await connect('alice')
      const editor = bindHeadless(a.doc)
      cleanup.push(editor.close)
      // The people the editor offers: readers of the brief, never someone of another hub.
      const people = await http.alice.request('GET', `/api/docs/${enc(brief())}/people?q=b`)
      expect(people.status).toBe(200)
      expect(people.body).toEqual([{ id: cast.ids.bob, name: 'Bob Beispiel' }])
      const all = await http.alice.request('GET', `/api/docs/${enc(brief())}/people`)
      expect(all.body.map((p: { id: string }) => p.id)).not.toContain(cast.ids.carol)
      expect(all.body.map((p: { id: string }) => p.id)).not.toContain(cast.ids.alice)
      expect((await http.carol.request('GET', `/api/docs/${enc(brief())}/people`)).status).toBe(403)

      // Carol (another hub) may not read this brief: her mention tells no one.
      await aliceWrites(editor, 'Ask Carol about it ', [cast.ids.carol])
      await aliceWrites(editor, 'Submarine cables: over to you ', [cast.ids.bob])
      await until(async () => (await mentions('bob')).length === 1, 10_000, 'bob told')
      const [line] = await mentions('bob')
      expect(line).toMatchObject({ actorName: 'Alice Example', doc: brief(), link: `/hubs/${cast.hubs.hub.id}/brief` })
      expect(line.hubName).toBeTruthy()
      expect(line.itemTitle).toContain('Submarine cables: over to you @Bob Beispiel')
      // Announcements are handled in order: Carol's came first and is settled.
      expect(await mentions('carol')).toEqual([])
      expect(await mentions('alice')).toEqual([])
      // Search reads the mention as the person's name.
      await until(async () => {
        const row = await t.db.db.selectFrom('doc_text').select('text').where('doc', '=', brief()).executeTakeFirst()
        return !!row?.text.includes('over to you @Bob Beispiel')
      }, 10_000, 'projected with the name')
    })

    it('tells no one twice when the same content is sent again (a reconnecting client), and a new mention once', async () => {
      const stored = await readDocState(t.db.db, brief())
      // A client that had everything offline sends it all again on connect.
      const doc = new Y.Doc()
      Y.applyUpdate(doc, stored!.update)
      const again = connectClient(t.url, brief(), cast.cookies.alice, { origin: t.origin, doc })
      cleanup.push(() => again.destroy())
      await until(() => again.provider.synced, 10_000, 'resent synced')
      const editor = bindHeadless(again.doc)
      cleanup.push(editor.close)
      await settle()
      // A second mention of Bob, then HQ (a reader of every brief): each one line; the first still one.
      await aliceWrites(editor, 'And the 5G toolbox ', [cast.ids.bob, cast.ids.hq])
      await until(async () => (await mentions('bob')).length === 2 && (await mentions('hq')).length === 1, 10_000, 'second mention told')
      expect(again.closes).toEqual([])
      const rows = await t.db.db.selectFrom('doc_mentions').select(['user_id', 'actor_id']).where('doc', '=', brief()).execute()
      expect(rows.filter((r) => r.user_id === cast.ids.bob)).toHaveLength(2)
      expect(rows.every((r) => r.actor_id === cast.ids.alice)).toBe(true)
    })

    it("follows a note's scope: in a hub-only note, HQ is neither offered nor told; a colleague is", async () => {
      const note = await createNoteRow(t.db.db, cast.hubs.hub.id, 'mention-note', cast.ids.alice)
      await t.db.db.updateTable('notes').set({ scope: 'hub' }).where('id', '=', 'mention-note').execute()
      const offered = await http.alice.request('GET', `/api/docs/${enc(note)}/people`)
      expect(offered.body.map((p: { id: string }) => p.id)).toEqual([cast.ids.bob])
      const a = await connect('alice', note)
      const editor = bindHeadless(a.doc)
      cleanup.push(editor.close)
      const hqBefore = (await mentions('hq')).length
      await aliceWrites(editor, 'Internal: ', [cast.ids.hq])
      await aliceWrites(editor, 'Draft for ', [cast.ids.bob])
      await until(async () => (await mentions('bob')).some((m) => m.doc === note), 10_000, 'bob told of the note')
      expect((await mentions('bob')).find((m) => m.doc === note)?.link).toBe(`/hubs/${cast.hubs.hub.id}/notes/mention-note`)
      expect(await mentions('hq')).toHaveLength(hqBefore)
    })

    /** Writes raw Yjs into the brief and expects 4422 naming `field`, with nothing stored. */
    async function refused(field: string, edit: (root: Y.XmlText) => void) {
      const c = await connect('bob')
      const before = Buffer.from((await readDocState(t.db.db, brief()))!.update).toString('base64')
      c.doc.transact(() => edit(c.doc.get('root', Y.XmlText) as Y.XmlText))
      await until(() => c.closes.length > 0, 10_000, 'the socket closed')
      expect(c.closes[0]).toMatchObject({ code: 4422 })
      expect(c.closes[0].reason).toContain(field)
      expect(Buffer.from((await readDocState(t.db.db, brief()))!.update).toString('base64')).toBe(before)
      c.destroy()
    }

    const mentionElement = (attrs: Record<string, string>) => {
      const el = new Y.XmlElement()
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
      return el
    }

    it('refuses a mention node with other fields, a huge user id, content, or of another kind', async () => {
      await refused('mention', (root) => root.insertEmbed(root.length, mentionElement({ __type: 'mention', __userId: cast.ids.alice, __name: 'Someone else' })))
      await refused('mention.userId', (root) => root.insertEmbed(root.length, mentionElement({ __type: 'mention', __userId: 'u'.repeat(10_000) })))
      await refused('mention.userId', (root) => root.insertEmbed(root.length, mentionElement({ __type: 'mention' })))
      await refused('mention', (root) => {
        const el = mentionElement({ __type: 'mention', __userId: cast.ids.alice })
        root.insertEmbed(root.length, el)
        const child = new Y.XmlText('hidden')
        child.setAttribute('__type', 'paragraph')
        el.insert(0, [child])
      })
      await refused('mention', (root) => {
        const node = new Y.XmlText()
        root.insertEmbed(root.length, node)
        node.setAttribute('__type', 'mention')
        node.setAttribute('__userId', cast.ids.alice)
      })
      // A field added later to a mention already in the brief.
      await refused('mention', (root) => {
        const mention = (root.toDelta() as { insert: unknown }[])
          .map((d) => d.insert)
          .filter((x): x is Y.XmlText => x instanceof Y.XmlText)
          .flatMap((p) => (p.toDelta() as { insert: unknown }[]).map((d) => d.insert))
          .find((x): x is Y.XmlElement => x instanceof Y.XmlElement && x.getAttribute('__type') === 'mention')
        expect(mention).toBeTruthy()
        mention!.setAttribute('__html', '<img src=x onerror=alert(1)>')
      })
      expect(await mentions('alice')).toEqual([])
    })
  })
}
