import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { openDoc, type OpenDoc } from '../../sync/provider'
import { observeLog, readActions, readExchanges, type Action, type Exchange } from '../../../shared/log-doc'
import { hubLogDocName, logDocName, parseDocName } from '../../../shared/doc-names'
import { can } from '../../../shared/access'
import { DEFAULT_SCOPE, SCOPES, type Scope } from '../../../shared/scopes'
import type { MeView } from '../../../shared/schemas/auth'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import { request } from '../../api/request'
import { keptGet } from '../../offline/kept-answers'
import { copyOwner } from '../../sync/local-copies'
import type { Taxonomy } from '../../../shared/taxonomy'

/** An entry with the scope it has: where it lives decides `hub`, its `scope` key the rest. */
export type Scoped<T> = T & { scope: Scope }

/** The open log documents: the shared one always, the hub-only one for those who may read it. */
export interface LogDocs {
  shared: OpenDoc
  hubOnly: OpenDoc | null
  /** The scopes new entries may get here (`hub` only with the hub-only document open). */
  choices: readonly Scope[]
  /** The document that holds entries of `scope`. */
  docFor(scope: Scope): Y.Doc
}

/** Whether this person may open the hub-only log (the hub's staff and admins); HQ may not. */
export const mayReadHubOnly = (me: MeView, hubId: string) => can(me, { kind: 'doc', doc: parseDocName(hubLogDocName(hubId))! }, 'read')

/**
 * Both entries of one id can show up for a moment while the server moves an entry between the
 * documents: the hub-only copy wins, as the narrower audience does everywhere.
 */
function merge<T extends Exchange | Action>(hubOnly: T[], shared: T[]): Scoped<T>[] {
  const seen = new Set(hubOnly.map((e) => e.id))
  const all: Scoped<T>[] = [
    ...hubOnly.map((e) => ({ ...e, scope: 'hub' as const })),
    ...shared.filter((e) => !seen.has(e.id)).map((e) => ({ ...e, scope: e.scope && e.scope !== 'hub' ? e.scope : DEFAULT_SCOPE })),
  ]
  return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** The hub's log, live: both documents' exchanges and actions, merged, re-read on every change. */
export function useLog(hubId: string, me: MeView) {
  const withHubOnly = mayReadHubOnly(me, hubId)
  const [docs, setDocs] = useState<LogDocs | null>(null)
  const [items, setItems] = useState<{ exchanges: Scoped<Exchange>[]; actions: Scoped<Action>[] }>({ exchanges: [], actions: [] })
  useEffect(() => {
    const shared = openDoc(logDocName(hubId))
    // Opened with IndexedDB like the shared one, so entries kept in the hub can be written offline too.
    const hubOnly = withHubOnly ? openDoc(hubLogDocName(hubId)) : null
    const read = () =>
      setItems({
        exchanges: merge(hubOnly ? readExchanges(hubOnly.doc) : [], readExchanges(shared.doc)),
        actions: merge(hubOnly ? readActions(hubOnly.doc) : [], readActions(shared.doc)),
      })
    read()
    const stops = [observeLog(shared.doc, read), ...(hubOnly ? [observeLog(hubOnly.doc, read)] : [])]
    setDocs({
      shared,
      hubOnly,
      choices: hubOnly ? SCOPES : SCOPES.filter((s) => s !== 'hub'),
      docFor: (scope) => (scope === 'hub' && hubOnly ? hubOnly.doc : shared.doc),
    })
    return () => {
      stops.forEach((stop) => stop())
      shared.destroy()
      hubOnly?.destroy()
    }
  }, [hubId, withHubOnly])
  return { docs, ...items }
}

/** Moves an existing entry to another scope: the server moves it between the documents, live. */
export const moveToScope = (itemId: string, scope: Scope) =>
  request('PUT', `/api/items/${encodeURIComponent(itemId)}/scope`, { scope })

let taxonomyCache: Promise<Taxonomy> | null = null
/** The taxonomy is asked again on next use (an admin changed the Global Gateway projects). */
export const forgetTaxonomy = () => void (taxonomyCache = null)
/** Themes and forums for pickers, fetched once. */
export function useTaxonomy(): Taxonomy | null {
  const [t, setT] = useState<Taxonomy | null>(null)
  useEffect(() => {
    // Kept for offline use like the hub pages' answers.
    taxonomyCache ??= keptGet<Taxonomy>(copyOwner() ?? '', '/api/taxonomy').then((r) => r.data)
    taxonomyCache.then(setT, () => (taxonomyCache = null))
  }, [])
  return t
}

/** What the feed and the action table are given: the entries of one kind and what they need to edit them. */
export interface LogViewProps<T> {
  docs: LogDocs
  items: Scoped<T>[]
  hub: HubDetailView
  me: MeView
  mission: string
  canWrite: boolean
  taxonomy: Taxonomy | null
  /** Comment count per entry id, and how to open an entry's thread. */
  counts: Record<string, number>
  onDiscuss: (entryId: string) => void
  /** The entry the URL points at (`?item=`): marked and scrolled to. */
  focusId?: string
  /** Deletes an entry (after the person confirmed it; undo is offered). */
  onDelete?: (entry: Scoped<T>) => void
}
