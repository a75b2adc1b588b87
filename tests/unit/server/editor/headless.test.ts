import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { bindHeadless, buildLexicalDoc, lexicalDocToText, type Block } from '../../../../server/editor/headless.js'

const BLOCKS: Block[] = [
  { type: 'h1', text: 'Brief — Nigeria' },
  { type: 'p', text: 'Données personnelles, Künstliche Intelligenz, dati aperti. 🇪🇺' },
  { type: 'bullet', text: 'first' },
  { type: 'bullet', text: 'second' },
  { type: 'h2', text: 'Asks to HQ' },
  { type: 'quote', text: '<script>alert(1)</script>' },
]

describe('headless Lexical', () => {
  it('builds a collaboration document (root XmlText) and reads its text back', async () => {
    const update = await buildLexicalDoc(BLOCKS)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    // Typed on first access, as the browser binding does; content sits under it.
    expect(doc.get('root', Y.XmlText).length).toBeGreaterThan(0)
    expect((await lexicalDocToText(update)).split('\n')).toEqual(BLOCKS.map((b) => b.text))
  })

  it('keeps the block types a browser editor will render', async () => {
    const doc = new Y.Doc()
    const { editor, close } = bindHeadless(doc)
    Y.applyUpdate(doc, await buildLexicalDoc(BLOCKS))
    await new Promise((r) => setTimeout(r, 0))
    const types = editor.getEditorState().read(() => $getRoot().getChildren().map((n) => n.getType()))
    expect(types).toEqual(['heading', 'paragraph', 'list', 'heading', 'quote'])
    close()
  })

  it('lets a bound editor (as a browser client) edit a seeded document', async () => {
    const doc = new Y.Doc()
    const { editor, close } = bindHeadless(doc)
    Y.applyUpdate(doc, await buildLexicalDoc([{ type: 'p', text: 'seeded' }]))
    await new Promise((r) => setTimeout(r, 0))
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('typed later'))), { discrete: true })
    close()
    expect(await lexicalDocToText(Y.encodeStateAsUpdate(doc))).toBe('seeded\ntyped later')
  })

  it('reads an empty document as empty text', async () => {
    expect(await lexicalDocToText(Y.encodeStateAsUpdate(new Y.Doc()))).toBe('')
    expect(await lexicalDocToText(await buildLexicalDoc([]))).toBe('')
  })
})
