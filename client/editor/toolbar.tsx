import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection, FORMAT_TEXT_COMMAND, REDO_COMMAND, UNDO_COMMAND, $createParagraphNode, type ElementNode } from 'lexical'
import { $setBlocksType } from '@lexical/selection'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list'
import { TOGGLE_LINK_COMMAND } from '@lexical/link'
import { useState, type FormEvent } from 'react'
import { normalizeUrl } from './link-url'
import { useEscape } from '../ui/use-escape'
import { useT } from '../i18n/provider'

/** Formatting controls: real buttons, reachable and operable by keyboard. */
export function Toolbar() {
  const [editor] = useLexicalComposerContext()
  const t = useT()
  const block = (make: () => ElementNode) =>
    editor.update(() => {
      const selection = $getSelection()
      if ($isRangeSelection(selection)) $setBlocksType(selection, make)
    })
  const [linking, setLinking] = useState(false)
  const link = () => setLinking(true)
  const buttons: [string, string, () => void][] = [
    [t('editor.undo'), '↶', () => editor.dispatchCommand(UNDO_COMMAND, undefined)],
    [t('editor.redo'), '↷', () => editor.dispatchCommand(REDO_COMMAND, undefined)],
    [t('editor.paragraph'), '¶', () => block(() => $createParagraphNode())],
    [t('editor.h1'), 'H1', () => block(() => $createHeadingNode('h1'))],
    [t('editor.h2'), 'H2', () => block(() => $createHeadingNode('h2'))],
    [t('editor.bold'), 'B', () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')],
    [t('editor.italic'), 'I', () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')],
    [t('editor.bullets'), '•', () => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)],
    [t('editor.numbers'), '1.', () => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)],
    [t('editor.quote'), '❝', () => block(() => $createQuoteNode())],
    [t('editor.link'), t('editor.link'), link],
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
    <div className="toolbar" role="toolbar" aria-label={t('editor.formatting')}>
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
  const t = useT()
  const [typed, setTyped] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEscape(onClose)
  const apply = (e: FormEvent) => {
    e.preventDefault()
    const url = normalizeUrl(typed)
    if (!url) {
      setError(t('editor.badLink'))
      return
    }
    onApply(url)
    onClose()
  }
  return (
    <div className="backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="link-title" onSubmit={apply}>
        <h2 id="link-title">{t('editor.link')}</h2>
        <label>
          {t('editor.linkAddress')}
          <input value={typed} onChange={(e) => (setTyped(e.target.value), setError(null))} autoFocus placeholder={t('editor.linkPlaceholder')} aria-invalid={!!error || undefined} aria-describedby="link-error" />
        </label>
        <p id="link-error" className="error small" role="alert">
          {error}
        </p>
        <div className="actions">
          <button type="button" onClick={() => (onApply(null), onClose())}>
            {t('editor.removeLink')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('editor.apply')}
          </button>
        </div>
      </form>
    </div>
  )
}
