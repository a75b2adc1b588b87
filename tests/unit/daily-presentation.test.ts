import { describe, expect, it } from 'vitest'
import { normalizeUrl } from '../../client/editor/link-url.js'
import { parseDayInput, formatDateTime, formatDay } from '../../client/ui/format.js'
import { count, regionLabel, termLabel } from '../../shared/labels.js'

describe('link addresses as people type them', () => {
  it('adds the scheme, keeps web and mail links, refuses other schemes', () => {
    expect(normalizeUrl('eur-lex.europa.eu')).toBe('https://eur-lex.europa.eu')
    expect(normalizeUrl(' eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R2065 ')).toBe('https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R2065')
    expect(normalizeUrl('https://example.org/a b')).toBeNull()
    expect(normalizeUrl('http://example.org')).toBe('http://example.org')
    expect(normalizeUrl('ewa@example.org')).toBe('mailto:ewa@example.org')
    expect(normalizeUrl('javascript:alert(1)')).toBeNull()
    expect(normalizeUrl('data:text/html,hi')).toBeNull()
    expect(normalizeUrl('just words')).toBeNull()
  })
})

describe('dates, labels and counts', () => {
  it('reads en-GB: day first, 24 h, no seconds', () => {
    expect(formatDateTime('2026-12-01T20:30:45Z')).toMatch(/^1 Dec 2026, \d{2}:30$/)
    expect(formatDay('2026-09-16')).toMatch(/^16 Sept? 2026$/)
    expect(formatDay('2026-12-01')).toBe('1 Dec 2026')
    expect(parseDayInput('01/12/2026')).toBe('2026-12-01')
    expect(parseDayInput('1 Dec 2026')).toBe('2026-12-01')
    expect(parseDayInput('2026-12-01')).toBe('2026-12-01')
    expect(parseDayInput('31/02/2026')).toBeNull()
    expect(parseDayInput('12/31/2026')).toBeNull()
  })
  it('names ids and counts in the right form', () => {
    expect(regionLabel('africa')).toBe('Africa')
    expect(regionLabel('gulf-states')).toBe('Gulf states')
    expect(termLabel([{ id: 'dpi', label: 'Digital public infrastructure' }], 'dpi')).toBe('Digital public infrastructure')
    expect(termLabel([], 'tech-business-offer.company-obstacles')).toBe('Company obstacles')
    expect(count(1, 'hub')).toBe('1 hub')
    expect(count(12, 'hub')).toBe('12 hubs')
    expect(count(3, 'entry', 'entries')).toBe('3 entries')
  })
})
