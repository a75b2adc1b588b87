import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { startTestServer, type TestServer } from '../support/test-server.js'
import { createCast, defineCast, type CastOf } from '../support/cast.js'
import { until } from '../support/ws-client.js'
import { client, type Client } from '../support/http.js'
import { openEvents, type OpenStream } from '../support/sse.js'
import { ENGINES } from '../support/engines.js'
import { appendUpdates } from '../../server/db/update-store.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'

/**
 * The rest of the Council cycle: every brief step reaches the people concerned (inbox,
 * live stream), and comments anchored to passages of the brief or a note (HQ comments though it
 * cannot edit), with replies, mentions and resolve; only the document's readers read or hear of them.
 */
const CAST = defineCast({
  hubs: { a: { name: 'Alphaland', missions: ['DE'] }, b: { name: 'Betaland' } },
  users: {
    coord: { hub: 'a', mission: 'EU', coordinator: true, name: 'Cora Coordinator' },
    staff: { hub: 'a', mission: 'DE', name: 'Stef Staff' },
    other: { hub: 'b', mission: 'EU', coordinator: true, name: 'Otto Other' },
    hq: { role: 'hq', name: 'Hana Headquarters' },
    cyber: { role: 'cyber', name: 'Cyra Cyber' },
    admin: { role: 'admin', name: 'Ada Admin' },
  },
})
type Who = keyof CastOf<typeof CAST>['ids']

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64')

/** An anchor over the brief as the browser makes it: the passage's first character and its last. */
function anchorOf(state: Uint8Array, passage: string) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const root = doc.get('root', Y.XmlText)
  for (const part of root.toDelta() as { insert: unknown }[]) {
    if (!(part.insert instanceof Y.XmlText)) continue
    const para = part.insert
    // A paragraph's XmlText holds, per text node, an embedded map then its characters.
    let index = 0
    for (const d of para.toDelta() as { insert: unknown }[]) {
      if (typeof d.insert === 'string') {
        const at = d.insert.indexOf(passage)
        if (at >= 0) {
          const start = Y.createRelativePositionFromTypeIndex(para, index + at, 0)
          const end = Y.createRelativePositionFromTypeIndex(para, index + at + passage.length, -1)
          return { start: b64(Y.encodeRelativePosition(start)), end: b64(Y.encodeRelativePosition(end)) }
        }
        index += d.insert.length
      } else index += 1
    }
  }
  throw new Error(`no passage ${passage}`)
}

for (const engine of ENGINES) {
  describe(`${engine}: brief steps reach the people concerned; comments anchored to passages`, () => {
    let t: TestServer
    let cast: CastOf<typeof CAST>
    const http = {} as Record<Who, Client>
    let hubId: string
    let briefState: Uint8Array
    const year = new Date().getUTCFullYear()
    const period = { id: `${year}-Hc`, start: `${year}-01-01`, end: `${year}-12-31`, briefDue: `${year + 1}-01-15` }
    const inbox = async (who: Who) => (await http[who].request('GET', '/api/inbox')).body.entries as Record<string, unknown>[]

    beforeAll(async () => {
      t = await startTestServer(engine)
      cast = await createCast(t.db.db, CAST)
      hubId = cast.hubs.a.id
      for (const name of Object.keys(cast.cookies) as Who[]) http[name] = client(t.url, t.origin, cast.cookies[name])
      briefState = await buildLexicalDoc([{ type: 'h1', text: 'Hub brief' }, { type: 'p', text: 'Partner priorities: connectivity and skills.' }])
      await appendUpdates(t.db.db, [{ doc: `hub/${hubId}/brief`, update: briefState, userId: cast.ids.coord }])
      expect((await http.admin.request('POST', '/api/periods', period)).status).toBe(201)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('sends each brief step to the people concerned, in the inbox and live, never to others', async () => {
      const streams = {} as Record<Who, OpenStream>
      for (const who of ['coord', 'staff', 'other', 'hq', 'cyber'] as const) streams[who] = await openEvents(t.url, cast.cookies[who])
      try {
        const base = `/api/hubs/${hubId}/briefs/${period.id}`
        expect((await http.coord.request('POST', `${base}/submit`)).status).toBe(200)
        const hqLine = (await inbox('hq')).find((e) => e.kind === 'brief_submitted')
        expect(hqLine).toMatchObject({ target: 'brief', hubId, hubName: 'Alphaland', periodId: period.id, actorName: 'Cora Coordinator', link: `/hubs/${hubId}/brief?period=${period.id}`, read: false })
        expect(String(hqLine!.itemTitle)).toContain('Alphaland')
        expect((await inbox('admin')).some((e) => e.kind === 'brief_submitted')).toBe(true)
        for (const who of ['coord', 'staff', 'other', 'cyber'] as const) expect(await inbox(who)).toEqual([])

        expect((await http.hq.request('POST', `${base}/return`, { note: 'Add the obstacles EU companies meet.' })).status).toBe(200)
        const coordLine = (await inbox('coord')).find((e) => e.kind === 'brief_returned')
        expect(coordLine).toMatchObject({ target: 'brief', periodId: period.id, hubName: 'Alphaland', note: 'Add the obstacles EU companies meet.', actorName: 'Hana Headquarters' })
        // Staff who do not submit, other hubs, cyber ambassadors: nothing.
        for (const who of ['staff', 'other', 'cyber'] as const) expect(await inbox(who)).toEqual([])
        // Live: the hub's readers hear the new status (the note, up to 4,000 characters, would not fit a
        // NOTIFY to other processes: the brief tab re-reads it); others hear nothing of this hub.
        await until(() => streams.coord.text().includes('"status":"returned"'), 5000, 'the coordinator hears of the return')
        expect((await http.coord.request('GET', `/api/hubs/${hubId}/briefs`)).body.find((b: { periodId: string }) => b.periodId === period.id)).toMatchObject({ status: 'returned', note: 'Add the obstacles EU companies meet.' })
        await until(() => streams.staff.text().includes('"status":"returned"'), 5000, 'staff see the status change')
        expect(streams.other.count('brief')).toBe(0)
        expect(streams.cyber.count('brief')).toBe(0)

        expect((await http.coord.request('POST', `${base}/submit`)).status).toBe(200)
        expect((await inbox('hq')).some((e) => e.kind === 'brief_resubmitted' && e.periodId === period.id)).toBe(true)
        expect((await http.hq.request('POST', `${base}/acknowledge`, { note: 'Well done.' })).status).toBe(200)
        expect((await inbox('coord')).find((e) => e.kind === 'brief_acknowledged')).toMatchObject({ note: 'Well done.', periodId: period.id })
        await until(() => streams.coord.text().includes('"status":"acknowledged"'), 5000, 'the coordinator hears of the acknowledgement')
        expect(streams.other.count('brief')).toBe(0)
        // The audit trail keeps every step.
        const audit = (await t.db.db.selectFrom('audit_events').select('action').where('hub_id', '=', hubId).execute()).map((a) => a.action)
        expect(audit.filter((a) => a.startsWith('brief.'))).toEqual(['brief.submitted', 'brief.returned', 'brief.submitted', 'brief.acknowledged'])
      } finally {
        for (const s of Object.values(streams)) s.close()
      }
    })

    it('lets every reader of the brief comment on a passage (HQ included), and nobody else', async () => {
      const doc = encodeURIComponent(`hub/${hubId}/brief`)
      const anchor = anchorOf(briefState, 'connectivity and skills')
      const body = { anchor, quote: 'connectivity and skills', body: 'Which partners? @Stef Staff please add names; @Otto Other too.' }
      const otherStream = await openEvents(t.url, cast.cookies.other)
      const coordStream = await openEvents(t.url, cast.cookies.coord)
      try {
        const created = await http.hq.request('POST', `/api/docs/${doc}/threads`, body)
        expect(created.status).toBe(201)
        expect(created.body).toMatchObject({ anchor, quote: 'connectivity and skills', authorRole: 'hq', resolved: false, comments: [{ body: body.body, authorName: 'Hana Headquarters' }] })
        const threadId = created.body.id as string
        for (const who of ['coord', 'staff', 'hq', 'admin'] as const) {
          const list = await http[who].request('GET', `/api/docs/${doc}/threads`)
          expect(list.status, who).toBe(200)
          expect(list.body.map((x: { id: string; anchor: unknown }) => [x.id, x.anchor])).toEqual([[threadId, anchor]])
        }
        for (const who of ['other', 'cyber'] as const) {
          expect((await http[who].request('GET', `/api/docs/${doc}/threads`)).status, who).toBe(403)
          expect((await http[who].request('POST', `/api/docs/${doc}/threads`, body)).status, who).toBe(403)
          expect((await http[who].request('POST', `/api/docs/${doc}/threads/${threadId}/comments`, { body: 'x' })).status, who).toBe(403)
          expect((await http[who].request('POST', `/api/docs/${doc}/threads/${threadId}/resolve`)).status, who).toBe(403)
        }
        expect((await client(t.url, t.origin).request('GET', `/api/docs/${doc}/threads`)).status).toBe(401)
        // The coordinator hears of HQ's comment; staff was mentioned; the other hub's coordinator, though named, cannot read it.
        expect((await inbox('coord')).find((e) => e.kind === 'doc_comment')).toMatchObject({ target: 'doc-thread', threadId, hubName: 'Alphaland', link: `/hubs/${hubId}/brief?thread=${threadId}` })
        expect((await inbox('staff')).find((e) => e.kind === 'mention')).toMatchObject({ target: 'doc-thread', threadId })
        expect(await inbox('other')).toEqual([])
        // Live: the brief's readers hear the thread changed; the other hub does not.
        await until(() => coordStream.count('doc-thread') > 0, 5000, 'the coordinator hears of the new thread')
        expect(otherStream.count('doc-thread')).toBe(0)

        // A reply reaches the thread's earlier writers; resolve and reopen by any reader.
        expect((await http.coord.request('POST', `/api/docs/${doc}/threads/${threadId}/comments`, { body: 'Added: Nigeria Digital Alliance.' })).status).toBe(201)
        expect((await inbox('hq')).find((e) => e.kind === 'reply')).toMatchObject({ threadId, actorName: 'Cora Coordinator' })
        expect((await http.coord.request('POST', `/api/docs/${doc}/threads/${threadId}/resolve`)).body).toMatchObject({ resolved: true, resolvedBy: cast.ids.coord })
        expect((await inbox('hq')).some((e) => e.kind === 'doc_resolved')).toBe(true)
        expect((await http.hq.request('POST', `/api/docs/${doc}/threads/${threadId}/reopen`)).body).toMatchObject({ resolved: false, resolvedAt: null })
        expect((await http.staff.request('POST', `/api/docs/${doc}/threads/${threadId}/comments`, { body: 'And the Smart Africa secretariat.' })).status).toBe(201)
        expect((await http.admin.request('POST', `/api/docs/${doc}/threads/${threadId}/comments`, { body: 'Noted.' })).status).toBe(201)
        const again = await http.staff.request('GET', `/api/docs/${doc}/threads`)
        expect(again.body[0].comments.map((c: { body: string }) => c.body)).toEqual([body.body, 'Added: Nigeria Digital Alliance.', 'And the Smart Africa secretariat.', 'Noted.'])
        // The brief itself is unchanged by commenting.
        const versions = await t.db.db.selectFrom('doc_updates').select('seq').where('doc', '=', `hub/${hubId}/brief`).execute()
        expect(versions).toHaveLength(1)
      } finally {
        otherStream.close()
        coordStream.close()
      }
    })

    it('refuses what is not an anchor, a quote or a comment, in the contract error shape', async () => {
      const doc = encodeURIComponent(`hub/${hubId}/brief`)
      const good = anchorOf(briefState, 'Partner')
      const post = (b: unknown) => http.hq.request('POST', `/api/docs/${doc}/threads`, b)
      const tooBig = b64(new Uint8Array(300))
      const r1 = await post({ anchor: { start: tooBig, end: good.end }, quote: 'Partner', body: 'x' })
      expect(r1.status).toBe(400)
      expect(r1.body.error).toMatchObject({ code: 'invalid_input' })
      expect(r1.body.error.message).toContain('anchor')
      expect((await post({ anchor: { start: 'not base64!', end: good.end }, quote: 'Partner', body: 'x' })).status).toBe(400)
      expect((await post({ anchor: good, quote: '', body: 'x' })).status).toBe(400)
      expect((await post({ anchor: good, quote: 'Partner', body: '   ' })).status).toBe(400)
      expect((await post({ anchor: good, quote: 'x'.repeat(1001), body: 'x' })).status).toBe(400)
      expect((await http.hq.request('GET', `/api/docs/${encodeURIComponent(`hub/${hubId}/log`)}/threads`)).status).toBe(404)
      expect((await http.hq.request('GET', `/api/docs/${encodeURIComponent('hub/nope/brief')}/threads`)).status).toBe(404)
      expect((await http.hq.request('POST', `/api/docs/${doc}/threads/unknown/comments`, { body: 'x' })).status).toBe(404)
    })

    it('follows a note’s scope: HQ comments on an HQ note, loses the thread and its inbox lines when the note becomes hub-only', async () => {
      const note = await http.coord.request('POST', `/api/hubs/${hubId}/notes`, { title: 'Visit plan', scope: 'hq' })
      expect(note.status).toBe(201)
      const docName = note.body.docName as string
      const state = await buildLexicalDoc([{ type: 'p', text: 'Minister meeting on 3 March.' }])
      await appendUpdates(t.db.db, [{ doc: docName, update: state, userId: cast.ids.coord }])
      const doc = encodeURIComponent(docName)
      const created = await http.coord.request('POST', `/api/docs/${doc}/threads`, { anchor: anchorOf(state, 'Minister meeting'), quote: 'Minister meeting', body: '@Hana Headquarters can you join?' })
      expect(created.status).toBe(201)
      const line = (await inbox('hq')).find((e) => e.threadId === created.body.id)
      expect(line).toMatchObject({ kind: 'mention', target: 'doc-thread', link: `/hubs/${hubId}/notes/${note.body.id}?thread=${created.body.id}` })
      expect(String(line!.itemTitle)).toContain('Visit plan')
      expect((await http.other.request('GET', `/api/docs/${doc}/threads`)).status).toBe(403)
      const unreadBefore = (await http.hq.request('GET', '/api/inbox')).body.unread as number
      expect((await http.coord.request('PATCH', `/api/hubs/${hubId}/notes/${note.body.id}`, { scope: 'hub' })).status).toBe(200)
      expect((await http.hq.request('GET', `/api/docs/${doc}/threads`)).status).toBe(403)
      expect((await inbox('hq')).some((e) => e.threadId === created.body.id)).toBe(false)
      expect((await http.hq.request('GET', '/api/inbox')).body.unread).toBe(unreadBefore - 1)
      // A mention of HQ in a hub-only note is not delivered at all.
      await http.coord.request('POST', `/api/docs/${doc}/threads/${created.body.id}/comments`, { body: '@Hana Headquarters never mind' })
      expect(await t.db.db.selectFrom('inbox_entries').select('id').where('user_id', '=', cast.ids.hq).where('thread_id', '=', created.body.id).execute()).toHaveLength(1)
    })
  })
}
