import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { unzipSync, strFromU8 } from 'fflate'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { bindHeadless, settle } from '../../../server/editor/headless.js'
import { $createMentionNode } from '../../../shared/editor/mention-node.js'
import { cpuTasks } from '../../../server/cpu/cpu-tasks.js'

/** A brief's state after a line that mentions `userId`, written through real (headless) Lexical. */
async function briefMentioning(userId: string | null): Promise<Uint8Array> {
  const doc = new Y.Doc()
  const editor = bindHeadless(doc)
  try {
    editor.editor.update(() => {
      const p = $createParagraphNode().append($createTextNode('Cables: over to you '))
      if (userId) p.append($createMentionNode(userId), $createTextNode(' today'))
      $getRoot().append(p)
    }, { discrete: true })
    await settle()
    return Y.encodeStateAsUpdate(doc)
  } finally {
    editor.close()
    doc.destroy()
  }
}

/** The worker thread's heavy work shows a mention as the person's name, never its raw mark. */
describe('mentions in diffs and exports', () => {
  it('a version diff names the person mentioned', async () => {
    const segments = await cpuTasks.textDiff({ before: await briefMentioning(null), after: await briefMentioning('u-bob'), names: { 'u-bob': 'Bob Beispiel' } })
    if (!Array.isArray(segments)) throw new Error(segments.message)
    const added = segments.filter((s) => s.op === 'added').map((s) => s.text).join('')
    expect(added).toContain('@Bob Beispiel')
    expect(segments.map((s) => s.text).join('')).not.toMatch(/[\uE000\uE001]/)
  })

  it('an exported brief names the person mentioned', async () => {
    const docx = await cpuTasks.docExport({ parts: [await briefMentioning('u-bob')], title: 'Brief', subtitle: 'Test', format: 'docx', names: { 'u-bob': 'Bob Beispiel' } })
    const xml = strFromU8(unzipSync(docx)['word/document.xml'])
    expect(xml).toContain('@Bob Beispiel')
    expect(xml).not.toMatch(/[\uE000\uE001]/)
  })
})
