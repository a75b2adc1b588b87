import { createHeadlessEditor } from '@lexical/headless'
import { EDITOR_NODES } from '../../shared/editor/nodes.js'

let registered: ReadonlySet<string> | null = null

/** Every node type the product's editor knows (Lexical's own and ours): nothing else may enter a document. */
export function registeredNodeTypes(): ReadonlySet<string> {
  registered ??= new Set(createHeadlessEditor({ namespace: 'hubwork', nodes: EDITOR_NODES, onError: () => {} })._nodes.keys())
  return registered
}
