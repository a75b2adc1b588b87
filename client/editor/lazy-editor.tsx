import type { ComponentProps } from 'react'
import { preload, useModule } from '../app/use-module'
import { Loading } from '../offline/loading'

/**
 * The collaborative editor as a chunk of its own: Lexical and its Yjs binding (~100 kB gzipped)
 * are not part of the brief's or a note's page code, so the page (cycle bar, comments) shows
 * without waiting for them. The hub page starts this chunk together with the tab's
 * (`preloadEditor`), so the editor is not later than when it was bundled with the page.
 */
const loadEditor = () => import('./collab-editor')

/** Starts loading the editor's code now (with the tab that shows it). */
export const preloadEditor = () => preload(loadEditor)

type Props = ComponentProps<typeof import('./collab-editor').CollabEditor>

/** `CollabEditor` once its code has loaded; "Loading…" (or "not available offline") until then. */
export function CollabEditor(props: Props) {
  const Editor = useModule(loadEditor)?.CollabEditor
  if (!Editor) {
    return (
      <div className="editor-shell" aria-busy="true">
        <Loading />
      </div>
    )
  }
  return <Editor {...props} />
}
