import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unzipSync, strFromU8 } from 'fflate'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastOf } from '../support/cast.js'
import { createNoteRow } from '../support/factories.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'
import { appendUpdates } from '../../server/db/update-store.js'

const CAST = TEAM

/** A brief or a note downloaded as PDF or DOCX: structure kept, access checked like reading it. */
for (const engine of ENGINES) {
  describe(`${engine}: export a brief or a note`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    const get = async (who: keyof typeof CAST.users, doc: string, format: string) => {
      const res = await fetch(`${t.url}/api/docs/${encodeURIComponent(doc)}/export?format=${format}`, { headers: { cookie: cast.cookies[who] } })
      return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) }
    }
    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      const { hub } = cast.hubs
      const brief = await buildLexicalDoc([
        { type: 'h1', text: 'Hub brief' },
        { type: 'h2', text: 'Priorities' },
        { type: 'p', text: 'Résilience numérique et connectivité.' },
        { type: 'bullet', text: 'Global Gateway backbone' },
        { type: 'bullet', text: 'Data protection law' },
      ])
      await appendUpdates(t.db.db, [{ doc: `hub/${hub.id}/brief`, update: brief, userId: cast.ids.alice }])
      await createNoteRow(t.db.db, hub.id, 'n1', cast.ids.alice)
      await t.db.db.updateTable('notes').set({ title: 'Visit of the minister', scope: 'hub' }).where('id', '=', 'n1').execute()
      await appendUpdates(t.db.db, [{ doc: `hub/${hub.id}/notes/n1`, update: await buildLexicalDoc([{ type: 'p', text: 'Hub-only remarks.' }]), userId: cast.ids.alice }])
    })
    afterAll(async () => {
      await t?.close()
    })

    it('exports the brief as a tagged PDF and a DOCX with Word headings and lists', async () => {
      const doc = `hub/${cast.hubs.hub.id}/brief`
      const pdf = await get('alice', doc, 'pdf')
      expect(pdf.status).toBe(200)
      expect(pdf.type).toBe('application/pdf')
      const raw = pdf.body.toString('latin1')
      expect(raw.startsWith('%PDF-1.7')).toBe(true)
      expect(raw).toMatch(/\/Marked true/)
      expect(raw).toContain('pdfuaid:part')
      for (const role of ['/S /H1', '/S /H2', '/S /H3', '/S /L', '/S /LI']) expect(raw, role).toContain(role)
      const docx = await get('hq', doc, 'docx')
      expect(docx.status).toBe(200)
      const xml = strFromU8(unzipSync(new Uint8Array(docx.body))['word/document.xml'])
      expect(xml).toContain('w:val="Heading2"')
      expect(xml).toContain('<w:numPr>')
      expect(xml).toContain('Résilience numérique et connectivité.')
    })

    it('refuses whoever may not read the document, and documents that are not a brief or a note', async () => {
      const { hub } = cast.hubs
      expect((await get('carol', `hub/${hub.id}/brief`, 'pdf')).status).toBe(403)
      expect((await get('cyber', `hub/${hub.id}/brief`, 'docx')).status).toBe(403)
      // A hub-only note: its hub's staff export it, HQ does not.
      expect((await get('bob', `hub/${hub.id}/notes/n1`, 'pdf')).status).toBe(200)
      expect((await get('hq', `hub/${hub.id}/notes/n1`, 'pdf')).status).toBe(403)
      expect((await get('alice', `hub/${hub.id}/log`, 'pdf')).status).toBe(404)
      expect((await get('alice', `hub/${hub.id}/brief`, 'exe')).status).toBe(400)
      const anonymous = await fetch(`${t.url}/api/docs/${encodeURIComponent(`hub/${hub.id}/brief`)}/export?format=pdf`)
      expect(anonymous.status).toBe(401)
    })
  })
}
