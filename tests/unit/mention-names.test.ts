import { describe, expect, it } from 'vitest'
import { MENTION_CLOSE, MENTION_OPEN, mentionedIds, mentionNames } from '../../shared/editor/mention-node.js'

const mark = (id: string) => `${MENTION_OPEN}${id}${MENTION_CLOSE}`

describe('mention marks in plain text', () => {
  it('reads as @Name, and an unknown person as @…', () => {
    const text = `Ask ${mark('u-1')} and ${mark('u-2')} today`
    expect(mentionedIds(text)).toEqual(['u-1', 'u-2'])
    expect(mentionNames(text, (id) => (id === 'u-1' ? 'Ewa Kowalska' : undefined))).toBe('Ask @Ewa Kowalska and @… today')
    expect(mentionNames('no mentions', () => 'x')).toBe('no mentions')
  })
})
