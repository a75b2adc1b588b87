import { createAction, createExchange, updateItem, type LogItemPatch, type NewAction, type NewExchange } from '../../../shared/log-doc'
import type { OpenDoc } from '../../sync/provider'
import type { Scope } from '../../../shared/scopes'
import { itemIdOf } from '../../comments/use-comment-counts'
import { moveToScope, type LogDocs } from './use-log'

/** Writes a new entry into the document of its scope, the scope stated in the entry itself. */
export function createEntry(docs: LogDocs, kind: 'exchange' | 'action', scope: Scope, input: NewExchange & NewAction): string {
  const doc = docs.docFor(scope)
  const entry = { ...input, extra: { ...input.extra, scope } }
  return kind === 'exchange' ? createExchange(doc, entry) : createAction(doc, entry)
}

/** Resolves once the document's local changes reached the server, or after `ms` anyway. */
function settled(open: OpenDoc, ms = 3000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      off()
      resolve()
    }
    const ready = () => open.status().state === 'connected' && open.status().waiting === 0
    const timer = setTimeout(done, ms)
    const off = open.onStatus(() => ready() && done())
    if (ready()) done()
  })
}

/**
 * Saves an edited entry: its fields in the document it lives in, then, when its scope changed, asks
 * the server to move it. The move is the server's (a client may never rewrite `scope`), and it
 * waits for the field edits to arrive first so they move along with the entry.
 */
export async function saveEntry(
  docs: LogDocs,
  hubId: string,
  entry: { id: string; kind: 'exchange' | 'action'; scope: Scope },
  patch: LogItemPatch,
  scope: Scope,
): Promise<void> {
  const open = entry.scope === 'hub' && docs.hubOnly ? docs.hubOnly : docs.shared
  updateItem(open.doc, entry.id, patch)
  if (scope === entry.scope) return
  await settled(open)
  await moveToScope(itemIdOf(hubId, entry.kind, entry.id), scope)
}
