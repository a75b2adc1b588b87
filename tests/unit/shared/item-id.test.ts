import { describe, expect, it } from 'vitest'
import { buildItemId, parseItemId } from '../../../shared/item-id.js'

describe('item-id', () => {
  it('builds <hubId>:<kind>:<entryId> and parses it back', () => {
    const id = buildItemId('hub-ng', 'action', 'a_1-x')
    expect(id).toBe('hub-ng:action:a_1-x')
    expect(parseItemId(id)).toEqual({ hubId: 'hub-ng', kind: 'action', entryId: 'a_1-x' })
  })

  it('refuses what is not an item id', () => {
    for (const s of ['', 'hub-ng', 'hub-ng:note:x', 'hub-ng:exchange:', ':exchange:x', 'a:exchange:b:c']) {
      expect(parseItemId(s)).toBeNull()
    }
  })
})
