import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection, FORMAT_TEXT_COMMAND, REDO_COMMAND, UNDO_COMMAND, $createParagraphNode, type ElementNode } from 'lexical'
import { $setBlocksType } from '@lexical/selection'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list'
import { TOGGLE_LINK_COMMAND } from '@lexical/link'
import { validateUrl } from './link-url'

/** Formatting controls: real buttons, reachable and operable by keyboard. */
export function Toolbar() {
  const [editor] = useLexicalComposerContext()
  const block = (make: () => ElementNode) =>
    editor.update(() => {
      const selection = $getSelection()
      if ($isRangeSelection(selection)) $setBlocksType(selection, make)
    })
  const link = () => {
    const url = window.prompt('Link address (https://…)')
    if (url === null) return
    if (url === '') editor.dispatchCommand(TOGGLE_LINK_COMMAND, null)
    else if (validateUrl(url)) editor.dispatchCommand(TOGGLE_LINK_COMMAND, url)
    else window.alert('Only https://, http:// and mailto: links are allowed.')
  }
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
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {buttons.map(([label, glyph, action]) => (
        // The visible glyph starts the accessible name (WCAG 2.5.3), the words explain it.
        <button key={label} type="button" aria-label={glyph === label ? label : `${glyph} ${label}`} title={label} onClick={action}>
          {glyph}
        </button>
      ))}
    </div>
  )
}
