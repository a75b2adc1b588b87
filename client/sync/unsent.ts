import { copyOwner, unsentOf } from './local-copies'
import { liveDocs, openDoc } from './provider'

/**
 * Changes of the signed-in person the server has not confirmed: those of the open documents,
 * and those left in copies no page has open (made before a reload, or on a page since left).
 */
export function pendingChanges(): number {
  const owner = copyOwner()
  const remembered = owner ? unsentOf(owner) : {}
  let n = 0
  const open = new Set<string>()
  for (const o of liveDocs()) {
    open.add(o.docName)
    // Waiting until the server acknowledged them stored; a copy just opened may not have counted its own yet.
    n += Math.max(o.status().waiting, remembered[o.docName] ?? 0)
  }
  for (const [docName, k] of Object.entries(remembered)) if (!open.has(docName)) n += k
  return n
}

/**
 * Opens, without a page, each of the person's copies that holds unsent changes, so they sync; each
 * closes once the server acknowledged them stored (or refused: then "Sign out anyway" is the only
 * way left).
 */
export function syncUnsent(): void {
  const owner = copyOwner()
  if (!owner) return
  const open = new Set(liveDocs().map((o) => o.docName))
  for (const docName of Object.keys(unsentOf(owner))) {
    if (open.has(docName)) continue
    const o = openDoc(docName, undefined, { connect: false })
    const off = o.onStatus((s) => {
      if (s.waiting > 0 && s.state !== 'refused') return
      off()
      o.destroy()
    })
    // The copy loads first: what it holds goes out in the first sync, not after it.
    void o.localReady().then(() => o.provider.connect())
  }
}
