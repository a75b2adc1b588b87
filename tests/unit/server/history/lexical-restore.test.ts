import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { $getRoot, $isElementNode, $isTextNode } from 'lexical'
import { bindHeadless, buildLexicalDoc, lexicalDocToText } from '../../../../server/editor/headless.js'
import { lexicalRestoreUpdate } from '../../../../server/history/lexical-restore.js'

const settle = () => new Promise((r) => setTimeout(r, 0))

/** Block types and texts of a Lexical collaboration document. */
async function blocks(update: Uint8Array) {
  const doc = new Y.Doc()
  const { editor, close } = bindHeadless(doc)
  Y.applyUpdate(doc, update)
  await settle()
  const out = editor.getEditorState().read(() => $getRoot().getChildren().map((n) => [n.getType(), n.getTextContent()]))
  close()
  return out
}

describe('restoring a Lexical document as an edit', () => {
  it('brings back the version with its block structure, as an update on top of the current state', async () => {
    const version = await buildLexicalDoc([
      { type: 'h1', text: 'Hub brief' },
      { type: 'p', text: 'Cables and 5G.' },
      { type: 'bullet', text: 'first' },
      { type: 'bullet', text: 'second' },
    ])
    const live = new Y.Doc()
    Y.applyUpdate(live, version)
    // Someone rewrites the document on top of the version (same history, as in a real room).
    const rewrite = await lexicalRestoreUpdate(Y.encodeStateAsUpdate(live), await buildLexicalDoc([{ type: 'quote', text: 'Only this' }]))
    Y.applyUpdate(live, rewrite!)
    expect(await lexicalDocToText(Y.encodeStateAsUpdate(live))).toBe('Only this')

    const update = await lexicalRestoreUpdate(Y.encodeStateAsUpdate(live), version)
    expect(update).not.toBeNull()
    // A peer holding the current state receives only the update and ends with the version.
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(live))
    Y.applyUpdate(peer, update!)
    expect(await blocks(Y.encodeStateAsUpdate(peer))).toEqual(await blocks(version))
    expect(await lexicalRestoreUpdate(Y.encodeStateAsUpdate(peer), version)).toBeNull()
  })

  it('touches only the blocks that differ: a concurrent edit in an unchanged block survives', async () => {
    const version = await buildLexicalDoc([
      { type: 'h1', text: 'Title' },
      { type: 'p', text: 'Keep me' },
      { type: 'p', text: 'Old end' },
    ])
    const live = new Y.Doc()
    Y.applyUpdate(live, version)
    Y.applyUpdate(live, (await lexicalRestoreUpdate(Y.encodeStateAsUpdate(live), await buildLexicalDoc([
      { type: 'h1', text: 'Title' },
      { type: 'p', text: 'Keep me' },
      { type: 'p', text: 'New end' },
    ])))!)
    const restore = await lexicalRestoreUpdate(Y.encodeStateAsUpdate(live), version)
    // Meanwhile a peer types into the unchanged second paragraph.
    const peer = new Y.Doc()
    const bound = bindHeadless(peer)
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(live))
    await settle()
    const before = Y.encodeStateVector(peer)
    bound.editor.update(() => {
      const para = $getRoot().getChildAtIndex(1)
      const text = $isElementNode(para) ? para.getFirstChild() : null
      if ($isTextNode(text)) text.setTextContent('Keep me please')
    }, { discrete: true })
    await settle()
    bound.close()
    const peerEdit = Y.encodeStateAsUpdate(peer, before)
    Y.applyUpdate(live, restore!)
    Y.applyUpdate(live, peerEdit)
    expect(await lexicalDocToText(Y.encodeStateAsUpdate(live))).toBe('Title\nKeep me please\nOld end')
  })
})
