import { useEffect, type MutableRefObject } from 'react'
import { $getRoot } from 'lexical'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'

/**
 * Gives the page a way to read the document's plain text when it needs it (a comparison), without
 * re-rendering on every keystroke. Blocks are joined as the server's text of a brief joins them.
 */
export function TextReader({ textRef }: { textRef: MutableRefObject<(() => string) | null> }) {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    textRef.current = () =>
      editor.getEditorState().read(() =>
        $getRoot()
          .getChildren()
          .map((n) => n.getTextContent())
          .join('\n')
          .replace(/\n{2,}/g, '\n'),
      )
    return () => {
      textRef.current = null
    }
  }, [editor, textRef])
  return null
}
