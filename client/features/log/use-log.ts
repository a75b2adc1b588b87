import { useEffect, useState } from 'react'
import { openDoc, type OpenDoc } from '../../sync/provider'
import { observeLog, readActions, readExchanges, type Action, type Exchange } from '../../../shared/log-doc'
import { logDocName } from '../../../shared/doc-names'
import { request } from '../../api/request'
import type { Taxonomy } from '../../../shared/taxonomy'

/** The hub's log document, live: its exchanges and actions re-read on every change. */
export function useLog(hubId: string) {
  const [open, setOpen] = useState<OpenDoc | null>(null)
  const [items, setItems] = useState<{ exchanges: Exchange[]; actions: Action[] }>({ exchanges: [], actions: [] })
  useEffect(() => {
    const o = openDoc(logDocName(hubId))
    const read = () => setItems({ exchanges: readExchanges(o.doc), actions: readActions(o.doc) })
    read()
    const stop = observeLog(o.doc, read)
    setOpen(o)
    return () => {
      stop()
      o.destroy()
    }
  }, [hubId])
  return { open, ...items }
}

let taxonomyCache: Promise<Taxonomy> | null = null
/** Themes and forums for pickers, fetched once. */
export function useTaxonomy(): Taxonomy | null {
  const [t, setT] = useState<Taxonomy | null>(null)
  useEffect(() => {
    taxonomyCache ??= request<Taxonomy>('GET', '/api/taxonomy')
    taxonomyCache.then(setT, () => (taxonomyCache = null))
  }, [])
  return t
}
