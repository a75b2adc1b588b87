import { useState } from 'react'
import { t } from '../i18n/intl'
import { request, ApiError } from '../api/request'
import { invalidateApi, useApi } from '../api/query'
import type { DocThreadView } from '../../shared/schemas/doc-threads'
import type { EncodedAnchor } from '../editor/anchors'

/**
 * The comment threads anchored in one document, kept live: the server pushes `doc-thread` when
 * one changes (only to the document's readers), and the list is read again (api/live-queries.ts).
 */
export function useDocThreads(docName: string, enabled: boolean) {
  const [failed, setError] = useState<string | null>(null)
  const base = `/api/docs/${encodeURIComponent(docName)}/threads`
  const q = useApi<DocThreadView[]>(enabled ? base : null)
  const threads = enabled ? (q.data ?? null) : null
  const error = failed ?? q.error?.message ?? null
  const load = () => invalidateApi(base)
  const run = async (fn: () => Promise<unknown>) => {
    setError(null)
    try {
      await fn()
    } catch (e) {
      setError((e as ApiError).message)
      throw e
    } finally {
      await load()
    }
  }
  return {
    threads,
    error,
    create: (anchor: EncodedAnchor, quote: string, body: string) => run(() => request('POST', base, { anchor, quote, body })),
    reply: (threadId: string, body: string) => run(() => request('POST', `${base}/${encodeURIComponent(threadId)}/comments`, { body })),
    setResolved: (threadId: string, resolved: boolean) => run(() => request('POST', `${base}/${encodeURIComponent(threadId)}/${resolved ? 'resolve' : 'reopen'}`)),
  }
}

export type DocThreads = ReturnType<typeof useDocThreads>

/** "3 open HQ comments", "1 open HQ comment", "No open HQ comments". */
export function openHqLabel(threads: DocThreadView[]): string {
  const n = threads.filter((t) => !t.resolved && t.authorRole === 'hq').length
  return t('thread.openHq', { count: n })
}
