import { useEffect, type RefObject } from 'react'
import { useSearchParams } from 'react-router'
import { FIND_PARAM } from './hit-url'

/** The name of the CSS highlight marking the passage a search opened at (styled in search.css). */
const HIGHLIGHT = 'search-find'
/** How long the document may take to arrive (sync, a cold cache) before the search for the passage gives up. */
const DEADLINE_MS = 20_000

/** Lower case, accents dropped: "Resiliência" is found for "resiliencia", as the server's `unaccent` does. */
const fold = (ch: string) => ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** The DOM range of the first occurrence of `words` in the text under `root`, across text nodes. */
export function findRange(root: Node, words: string): Range | null {
  const wanted = [...words].map(fold).join('')
  if (!wanted) return null
  // Each folded character remembers the text node and offset it came from.
  const at: { node: Text; offset: number }[] = []
  let text = ''
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const data = n.data
    for (let i = 0; i < data.length; i++) {
      const f = fold(data[i])
      for (const c of f) {
        text += c
        at.push({ node: n, offset: i })
      }
    }
  }
  const start = text.indexOf(wanted)
  if (start < 0) return null
  const first = at[start]
  const last = at[start + wanted.length - 1]
  const range = document.createRange()
  range.setStart(first.node, first.offset)
  range.setEnd(last.node, last.offset + 1)
  return range
}

type Highlights = { set(name: string, h: unknown): void; delete(name: string): void }
const highlights = (): Highlights | undefined => (globalThis.CSS as unknown as { highlights?: Highlights } | undefined)?.highlights
const HighlightCtor = (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight

/**
 * Opens a document at the passage a search hit named (`?find=`): once the words appear in the
 * editor under `root` (the document arrives by sync, maybe later), they are scrolled to the middle
 * of the screen and marked with a CSS highlight, which leaves the editor's DOM untouched (the
 * editor owns it). Found once per value; a person scrolling or typing afterwards is left alone.
 */
export function useFindPassage(root: RefObject<HTMLElement | null>, key: string) {
  const [params] = useSearchParams()
  const words = params.get(FIND_PARAM)?.slice(0, 200) ?? ''
  useEffect(() => {
    const el = root.current
    if (!words || !el) return
    let done = false
    const attempt = () => {
      if (done) return
      const editor = el.querySelector('[contenteditable]') ?? el
      const range = findRange(editor, words)
      if (!range) return
      done = true
      observer.disconnect()
      clearTimeout(timer)
      const block = range.startContainer.parentElement
      block?.scrollIntoView({ block: 'center' })
      const reg = highlights()
      if (reg && HighlightCtor) reg.set(HIGHLIGHT, new HighlightCtor(range))
    }
    const observer = new MutationObserver(attempt)
    observer.observe(el, { childList: true, subtree: true, characterData: true })
    const timer = setTimeout(() => observer.disconnect(), DEADLINE_MS)
    attempt()
    return () => {
      done = true
      observer.disconnect()
      clearTimeout(timer)
      highlights()?.delete(HIGHLIGHT)
    }
  }, [root, words, key])
}
