import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES } from '../support/engines.js'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, TEAM, type CastOf } from '../support/cast.js'
import { client } from '../support/http.js'
import type { SearchHit } from '../../shared/schemas/items.js'

const CAST = TEAM

/**
 * Search as a reader meets it: accents and inflections of five languages, comments included, each
 * hit within what the reader may read, filters, and marked words that are the words searched.
 */
for (const engine of ENGINES) {
  describe(`${engine}: search`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    const api = (who: keyof typeof CAST.users) => client(t.url, t.origin, cast.cookies[who])
    const find = async (who: keyof typeof CAST.users, query: string): Promise<SearchHit[]> => {
      const res = await api(who).request('GET', `/api/search?${query}`)
      expect(res.status).toBe(200)
      return res.body
    }

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      const { hub, other } = cast.hubs
      const db = t.db.db
      await db.insertInto('doc_text').values([
        { doc: `hub/${hub.id}/brief`, hub_id: hub.id, kind: 'brief', title: 'Hub brief', text: 'Estrategia de resiliência digital del gobierno', scope: 'hq' },
        { doc: `hub/${other.id}/brief`, hub_id: other.id, kind: 'brief', title: 'Other brief', text: 'Resiliência: the secret plans of another hub', scope: 'hq' },
        { doc: `hub/${hub.id}/notes/n1`, hub_id: hub.id, kind: 'note', title: 'Réunion', text: 'Les données numériques des administrations publiques', scope: 'hub' },
      ]).execute()
      const item = (hubId: string, entry: string, kind: 'exchange' | 'action', title: string, body: string, extra: object = {}) => ({
        id: `${hubId}:${kind}:${entry}`, hub_id: hubId, kind, entry_id: entry, title, body, scope: 'hq' as const, created_at: new Date('2026-10-05T10:00:00Z'),
        themes: [], top_themes: [], forums: [], missions: [], participants: [], related_hubs: [], linked_items: [], issues: [], cross_cutting: false, ...extra,
      })
      await db.insertInto('items').values([
        item(hub.id, 'e1', 'exchange', 'Rafforzare la resilienza', 'Infrastrutture digitali delle imprese europee', { themes: ['ai'], top_themes: ['ai'] }),
        item(other.id, 'e2', 'exchange', 'Größere Förderung', 'Workshops über Datenschutz', { cross_cutting: true }),
        item(other.id, 'e3', 'action', 'Hidden action', 'Kept among the missions of the other hub', { scope: 'hub' }),
      ]).execute()
      await db.insertInto('comments').values([
        { id: 'c1', item_id: `${hub.id}:exchange:e1`, hub_id: hub.id, author_id: cast.ids.bob, body: 'Cooperación en ciberseguridad con la región' },
        { id: 'c2', item_id: `${other.id}:action:e3`, hub_id: other.id, author_id: cast.ids.carol, body: 'Ciberseguridad: a remark on a hidden action' },
      ]).execute()
    })
    afterAll(async () => {
      await t?.close()
    })

    it('finds words typed without accents, and other inflections, in five languages', async () => {
      const { hub } = cast.hubs
      const brief = await find('alice', 'q=resiliencia')
      expect(brief.map((h) => h.docName)).toContain(`hub/${hub.id}/brief`)
      const b = brief.find((h) => h.kind === 'brief')!
      // The marked words are the matched ones, in the text as written.
      expect(b.highlights.map(([s, e]) => b.snippet.slice(s, e))).toEqual(['resiliência'])
      expect((await find('alice', 'q=donnees%20numerique')).map((h) => h.kind)).toEqual(['note'])
      expect((await find('alice', 'q=infrastruttura%20digitale')).map((h) => h.itemId)).toEqual([`${hub.id}:exchange:e1`])
      expect((await find('carol', 'q=forderung%20uber')).map((h) => h.itemId)).toEqual([`${cast.hubs.other.id}:exchange:e2`])
      expect((await find('alice', 'q=résilience')).length).toBeGreaterThan(0)
    })

    it('searches comments as part of the thread the reader may see, and never beyond what the reader may read', async () => {
      const { hub, other } = cast.hubs
      const alice = await find('alice', 'q=ciberseguridad')
      expect(alice).toEqual([expect.objectContaining({ kind: 'comment', commentId: 'c1', itemId: `${hub.id}:exchange:e1`, hubId: hub.id })])
      // carol reads her hub's hub-only action and its thread; alice never does.
      expect((await find('carol', 'q=ciberseguridad')).map((h) => h.commentId)).toEqual(['c2'])
      // HQ reads no hub-only entry or note, nor a thread on one; every hub's briefs.
      const hq = await find('hq', 'q=ciberseguridad')
      expect(hq.every((h) => h.commentId !== 'c2')).toBe(true)
      expect((await find('hq', 'q=resiliencia')).map((h) => h.hubId).sort()).toEqual([hub.id, other.id, hub.id].sort())
      expect((await find('hq', 'q=donnees')).map((h) => h.kind)).toEqual([])
      // Cyber ambassadors: no hub documents; cross-cutting items only.
      expect((await find('cyber', 'q=resiliencia')).map((h) => h.kind)).toEqual([])
      expect((await find('cyber', 'q=datenschutz')).map((h) => h.hubId)).toEqual([other.id])
      // Nothing of the other hub reaches alice, whatever she types.
      for (const q of ['secret', 'hidden', 'remark', 'resiliencia', 'forderung']) {
        expect((await find('alice', `q=${q}`)).filter((h) => h.hubId === other.id), q).toEqual([])
      }
    })

    it('filters by hub, kind, theme and period', async () => {
      const { hub, other } = cast.hubs
      expect((await find('hq', `q=resiliencia&hubId=${other.id}`)).map((h) => h.hubId)).toEqual([other.id])
      expect((await find('hq', 'q=resiliencia&kind=exchange')).map((h) => h.kind)).toEqual(['exchange'])
      expect((await find('alice', 'q=resilienza&theme=ai')).map((h) => h.kind)).toEqual(['exchange'])
      expect(await find('alice', 'q=resilienza&theme=connectivity')).toEqual([])
      expect((await find('alice', 'q=resilienza&from=2026-10-05&to=2026-10-05')).map((h) => h.hubId)).toEqual([hub.id])
      expect(await find('alice', 'q=resilienza&kind=exchange&from=2026-10-06')).toEqual([])
      expect((await api('alice').request('GET', '/api/search?q=x&kind=secret')).status).toBe(400)
      expect((await api('alice').request('GET', '/api/search?q=x&from=yesterday')).status).toBe(400)
    })
  })
}
