import type { ReactNode } from 'react'

/**
 * A snippet with its matched words in <mark>: the text stays text (React escapes it), the server
 * only says where the matches are. Ranges out of order or out of bounds are ignored.
 */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  const out: ReactNode[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start < at || end <= start || end > text.length) continue
    if (start > at) out.push(text.slice(at, start))
    out.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) out.push(text.slice(at))
  return <>{out}</>
}
