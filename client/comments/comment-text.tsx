import type { ReactNode } from 'react'

const TOKEN = /(https?:\/\/[^\s<>"']+)|(@[\p{L}\p{N}._%+-]+(?:@[\p{L}\p{N}.-]+)?(?: [\p{Lu}][\p{L}'-]+)?)/gu

/**
 * A comment's plain text as React nodes: http(s) links become links that open safely, @mentions are
 * marked; everything else is text. Nothing is ever parsed as HTML, and the text sits in its own
 * bidirectional isolate so a right-to-left override cannot spill into the page around it.
 */
export function CommentText({ text }: { text: string }) {
  const parts: ReactNode[] = []
  let last = 0
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) parts.push(text.slice(last, m.index))
    if (m[1]) {
      const url = m[1].replace(/[.,;:!?)]+$/, '')
      parts.push(
        <a key={m.index} href={url} target="_blank" rel="noopener noreferrer nofollow">
          {url}
        </a>,
      )
      last = m.index + url.length
      continue
    }
    parts.push(
      <mark key={m.index} className="mention">
        {m[2]}
      </mark>,
    )
    last = m.index + m[0].length
  }
  if (last < text.length) parts.push(text.slice(last))
  return (
    <bdi dir="auto" className="comment-text">
      {parts}
    </bdi>
  )
}
