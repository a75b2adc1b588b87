import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { client as httpClient } from '../support/http.js'
import { connectClient, until } from '../support/ws-client.js'
import { $getRoot } from 'lexical'
import { HeadingNode } from '@lexical/rich-text'
import { bindHeadless, lexicalDocToText, settle } from '../../server/editor/headless.js'
import { readDocState } from '../../server/db/update-store.js'
import { BRIEF_SECTIONS } from '../../server/hubs/new-hub-brief.js'

const CAST = defineCast({ hubs: {}, users: { admin: { role: 'admin' } } })

const SIX = [
  'Context and partner priorities',
  'Team Europe activity',
  'Partnerships and dialogues',
  'Forums and candidatures',
  'Global Gateway and Tech Business Offer (including obstacles EU companies meet)',
  'Asks to HQ',
]

/** The headings' lines of a brief's text, in order. */
const headingsIn = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => SIX.includes(l))

for (const engine of ENGINES) {
  describe(`${engine}: a new hub's brief`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
    })
    afterAll(() => t?.close())

    it('starts from the six sections as h2 headings, stored in the creating request and seen by a client', async () => {
      expect([...BRIEF_SECTIONS]).toEqual(SIX)
      const admin = httpClient(t.url, t.origin, cast.cookies.admin)
      const created = await admin.request('POST', '/api/admin/hubs', { name: 'Kenya hub', country: 'KE', countryName: 'Kenya', region: 'Africa' })
      expect(created.status).toBe(201)
      const hubId = created.body.id as string
      const stored = await readDocState(t.db.db, `hub/${hubId}/brief`)
      expect(stored).not.toBeNull()
      expect(headingsIn(await lexicalDocToText(stored!.update))).toEqual(SIX)
      // Real headings (h2), not paragraphs that read like them.
      const doc = new Y.Doc()
      const { editor, close } = bindHeadless(doc)
      Y.applyUpdate(doc, stored!.update)
      await settle()
      const tags = editor.getEditorState().read(() => $getRoot().getChildren().map((n) => (n instanceof HeadingNode ? n.getTag() : n.getType())))
      close()
      expect(tags).toEqual(SIX.map(() => 'h2'))

      const c = connectClient(t.url, `hub/${hubId}/brief`, cast.cookies.admin, { origin: t.origin })
      try {
        await until(() => c.provider.synced, 10_000, 'the brief synced')
        expect(headingsIn(await lexicalDocToText(Y.encodeStateAsUpdate(c.doc)))).toEqual(SIX)
      } finally {
        c.destroy()
      }
    })
  })
}
