import { describe, expect, it } from 'vitest'
import { briefDocName, logDocName, noteDocName, parseDocName } from '../../../shared/doc-names.js'

describe('doc-names', () => {
  it('parses every form of document name', () => {
    expect(parseDocName('hub/hub-ng/brief')).toEqual({ type: 'brief', hubId: 'hub-ng', name: 'hub/hub-ng/brief' })
    expect(parseDocName('hub/hub-ng/log')).toEqual({ type: 'log', hubId: 'hub-ng', name: 'hub/hub-ng/log' })
    expect(parseDocName('hub/hub-ng/notes/n_1')).toEqual({
      type: 'note',
      hubId: 'hub-ng',
      noteId: 'n_1',
      name: 'hub/hub-ng/notes/n_1',
    })
  })

  it('refuses everything else', () => {
    for (const bad of [
      '',
      'hub',
      'hub/hub-ng',
      'hub/hub-ng/other',
      'hub/../brief',
      'hub/hub ng/brief',
      'hub/hub-ng/brief/x',
      'hub/hub-ng/notes',
      'hub/hub-ng/notes/a/b',
      'hub/hub-ng/notes/..',
      '/hub/hub-ng/brief',
      'HUB/hub-ng/brief',
      `hub/${'x'.repeat(65)}/brief`,
      'hub/hub-ng/log\u0000',
    ]) {
      expect(parseDocName(bad), bad).toBeNull()
    }
  })
})

describe('doc-names: builders', () => {
  it('build names the parser reads back', () => {
    expect(parseDocName(briefDocName('hub-ng'))).toMatchObject({ type: 'brief', hubId: 'hub-ng' })
    expect(parseDocName(logDocName('hub-ng'))).toMatchObject({ type: 'log', hubId: 'hub-ng' })
    expect(parseDocName(noteDocName('hub-ng', 'n-1'))).toMatchObject({ type: 'note', hubId: 'hub-ng', noteId: 'n-1' })
    expect(parseDocName(logDocName('a/b'))).toBeNull()
  })
})
