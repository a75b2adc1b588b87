import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { buildLexicalDoc, lexicalDocToText } from '../../../../server/editor/headless.js'

describe('headless Lexical', () => {
  it('builds a collaboration document and reads its text back', async () => {
    const update = await buildLexicalDoc([
      { type: 'h1', text: 'Brief — Nigeria' },
      { type: 'p', text: 'Données personnelles, Künstliche Intelligenz, dati aperti.' },
      { type: 'bullet', text: 'first' },
      { type: 'bullet', text: 'second' },
      { type: 'quote', text: '<script>alert(1)</script>' },
    ])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    expect(doc.share.has('root')).toBe(true)
    const text = await lexicalDocToText(update)
    expect(text.split('\n')).toEqual([
      'Brief — Nigeria',
      'Données personnelles, Künstliche Intelligenz, dati aperti.',
      'first',
      'second',
      '<script>alert(1)</script>',
    ])
  })

  it('reads an empty document as empty text', async () => {
    expect(await lexicalDocToText(Y.encodeStateAsUpdate(new Y.Doc()))).toBe('')
  })
})
