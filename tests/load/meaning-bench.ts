/**
 * Cost of the sync server's meaning check per update (`npx tsx tests/load/meaning-bench.ts`):
 * typical updates against a 2,000-entry log and a long brief, checked as the server checks them
 * (decode once, resolve each struct's entry and field through the room's document), beside the
 * alternative of applying each update to a scratch copy of the document. Prints median and p99.
 */
import * as Y from 'yjs'
import { checkMeaning, type RoomView } from '../../server/collab/meaning/check-meaning.js'
import { indexStructs } from '../../server/collab/meaning/struct-places.js'
import { buildLexicalDoc } from '../../server/editor/headless.js'
import { createAction, createExchange, updateItem } from '../../shared/log-doc.js'

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 2000)
const writer = { userId: 'u-bench', mission: 'DE', now: Date.now() }

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]
  return { median: at(0.5), p99: at(0.99) }
}

/** A room view over `doc` as the sync server has it (nothing pending). */
function roomOf(name: string, doc: Y.Doc): RoomView {
  return { name, doc, knownClock: (c) => (doc.store.clients.has(c) ? Y.getState(doc.store, c) : 0), pendingIndexes: [] }
}

/** Times `check` and `scratch` over updates made by `edit` on a peer of `server`, one update per run. */
function measure(label: string, name: string, server: Y.Doc, edit: (peer: Y.Doc, i: number) => void) {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(server))
  const updates: Uint8Array[] = []
  peer.on('update', (u: Uint8Array) => updates.push(u))
  const check: number[] = []
  const scratch: number[] = []
  const room = roomOf(name, server)
  for (let i = 0; i < RUNS; i++) {
    updates.length = 0
    edit(peer, i)
    for (const update of updates) {
      let t = performance.now()
      const decoded = Y.decodeUpdate(update)
      const verdict = checkMeaning(room, decoded, indexStructs(decoded.structs), writer)
      check.push((performance.now() - t) * 1000)
      if ('field' in verdict) throw new Error(`${label}: refused ${verdict.field}: ${verdict.reason}`)
      if (i % 20 === 0) {
        // The alternative: a scratch copy of the room's document with the update applied.
        t = performance.now()
        const copy = new Y.Doc()
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(server))
        Y.applyUpdate(copy, update)
        copy.destroy()
        scratch.push((performance.now() - t) * 1000)
      }
      Y.applyUpdate(server, update)
    }
  }
  peer.destroy()
  const c = stats(check)
  const s = stats(scratch)
  console.log(`| ${label} | ${c.median.toFixed(1)} | ${c.p99.toFixed(1)} | ${s.median.toFixed(0)} | ${s.p99.toFixed(0)} |`)
}

const log = new Y.Doc()
const ids: string[] = []
for (let i = 0; i < 2000; i++) {
  const input = { title: `Entry ${i} on submarine cables and 5G`, body: 'Minutes of the meeting with the regulator. '.repeat(5), mission: 'DE', authorId: 'u-bench', themes: ['ai'] }
  ids.push(i % 2 ? createExchange(log, input) : createAction(log, { ...input, status: 'planned' }))
}
console.log(`log: 2,000 entries, ${(Y.encodeStateAsUpdate(log).byteLength / 1024).toFixed(0)} KiB; ${RUNS} updates per row`)
console.log('| update | check median µs | check p99 µs | scratch copy median µs | scratch copy p99 µs |')
console.log('|---|---|---|---|---|')
const logName = 'hub/bench/log'
measure('log: retitle an entry', logName, log, (d, i) => updateItem(d, ids[i % ids.length], { title: `Renamed ${i}` }))
measure('log: type into a body', logName, log, (d, i) => {
  const body = (d.getMap('exchanges').get(ids[1]) as Y.Map<unknown>).get('body') as Y.Text
  body.insert(body.length, String(i % 10))
})
measure('log: change a status', logName, log, (d, i) => updateItem(d, ids[(i * 2) % ids.length], { status: i % 2 ? 'in_progress' : 'planned' }))
measure('log: new exchange', logName, log, (d, i) => void createExchange(d, { title: `New ${i}`, mission: 'DE', authorId: 'u-bench' }))

const words = 'The hub met the ministry on data flows and submarine cables before the summit. '
const brief = new Y.Doc()
Y.applyUpdate(brief, await buildLexicalDoc(Array.from({ length: 1400 }, (_, i) => ({ type: i % 10 ? 'p' : 'h2', text: words.repeat(i % 10 ? 1 : 0) + `Paragraph ${i}` }) as const)))
console.log(`brief: ~20,000 words, ${(Y.encodeStateAsUpdate(brief).byteLength / 1024).toFixed(0)} KiB`)
measure('brief: type a character', 'hub/bench/brief', brief, (d, i) => {
  const root = d.get('root', Y.XmlText) as Y.XmlText
  const para = (root.toDelta() as { insert: unknown }[])[5].insert as Y.XmlText
  para.insert(0, String(i % 10))
})
