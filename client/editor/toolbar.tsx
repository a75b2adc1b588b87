import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection, FORMAT_TEXT_COMMAND, REDO_COMMAND, UNDO_COMMAND, $createParagraphNode, type ElementNode } from 'lexical'
import { $setBlocksType } from '@lexical/selection'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list'
import { TOGGLE_LINK_COMMAND } from '@lexical/link'
import { useState, type FormEvent } from 'react'
import { normalizeUrl } from './link-url'
import { useEscape } from '../ui/use-escape'

/** Formatting controls: real buttons, reachable and operable by keyboard. */
export function Toolbar() {
  const [editor] = useLexicalComposerContext()
  const block = (make: () => ElementNode) =>
    editor.update(() => {
      const selection = $getSelection()
      if ($isRangeSelection(selection)) $setBlocksType(selection, make)
    })
  const [linking, setLinking] = useState(false)
  const link = () => setLinking(true)
  const buttons: [string, string, () => void][] = [
    ['Undo', '↶', () => editor.dispatchCommand(UNDO_COMMAND, undefined)],
    ['Redo', '↷', () => editor.dispatchCommand(REDO_COMMAND, undefined)],
    ['Paragraph', '¶', () => block(() => $createParagraphNode())],
    ['Heading 1', 'H1', () => block(() => $createHeadingNode('h1'))],
    ['Heading 2', 'H2', () => block(() => $createHeadingNode('h2'))],
    ['Bold', 'B', () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')],
    ['Italic', 'I', () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')],
    ['Bulleted list', '•', () => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)],
    ['Numbered list', '1.', () => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)],
    ['Quote', '❝', () => block(() => $createQuoteNode())],
    ['Link', 'Link', link],
  ]
  return (
    <>
    {linking && (
      <LinkDialog
        onClose={() => {
          setLinking(false)
          editor.focus()
        }}
        onApply={(url) => editor.dispatchCommand(TOGGLE_LINK_COMMAND, url)}
      />
    )}
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {buttons.map(([label, glyph, action]) => (
        // The visible glyph starts the accessible name (WCAG 2.5.3), the words explain it.
        <button key={label} type="button" aria-label={glyph === label ? label : `${glyph} ${label}`} title={label} onClick={action}>
          {glyph}
        </button>
      ))}
    </div>
    </>
  )
}

/** The link dialog: an address (the scheme is added when left out), Apply, Remove link, Cancel; Escape cancels. */
function LinkDialog({ onApply, onClose }: { onApply: (url: string | null) => void; onClose: () => void }) {
  const [typed, setTyped] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEscape(onClose)
  const apply = (e: FormEvent) => {
    e.preventDefault()
    const url = normalizeUrl(typed)
    if (!url) {
      setError('Type a web address (eur-lex.europa.eu, https://…) or an e-mail address.')
      return
    }
    onApply(url)
    onClose()
  }
  return (
    <div className="backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="link-title" onSubmit={apply}>
        <h2 id="link-title">Link</h2>
        <label>
          Link address
          <input value={typed} onChange={(e) => (setTyped(e.target.value), setError(null))} autoFocus placeholder="eur-lex.europa.eu" aria-invalid={!!error || undefined} aria-describedby="link-error" />
        </label>
        <p id="link-error" className="error small" role="alert">
          {error}
        </p>
        <div className="actions">
          <button type="button" onClick={() => (onApply(null), onClose())}>
            Remove link
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Apply
          </button>
        </div>
      </form>
    </div>
  )
}
