import { copyOwner, onCopyOwnerChange } from './local-copies'
import { liveDocs, openDoc, type OpenDoc } from './provider'

/**
 * The document a page opened by its address will edit (a brief, a note) is connected as soon as
 * the session says whose copy it is, while the page's code and its other reads are still loading:
 * the server's state (hundreds of kB for a long brief) is on its way before the editor exists.
 * What arrives is held (provider.ts, `hold`) until the editor's binding observes the Y.Doc, so
 * the editor shows all of it. The socket is the one the editor would open: same cookie, same
 * checks on the server; a person who may not read the document is refused there as before.
 */

/** An early document the editor has not taken within this long is closed. */
const UNCLAIMED_MS = 20_000

let early: { open: OpenDoc; owner: string; timer: ReturnType<typeof setTimeout> } | null = null
const settledListeners = new Set<() => void>()
let settled = false

function settle(): void {
  if (settled) return
  settled = true
  settledListeners.forEach((l) => l())
  settledListeners.clear()
}

/**
 * Opens `docName` early, once the copy's owner is known (now, or when the session answers).
 * Nobody signed in: nothing opens.
 */
export function openEarlyDoc(docName: string): void {
  const start = (owner: string) => {
    const open = openDoc(docName, undefined, { connect: true, deferLocal: true, hold: true })
    const off = open.onStatus((s) => {
      if (s.state === 'connected' || s.state === 'refused') {
        off()
        settle()
      }
    })
    early = { open, owner, timer: setTimeout(() => dropEarly(open), UNCLAIMED_MS) }
  }
  const owner = copyOwner()
  if (owner) return start(owner)
  // Registered after provider.ts's own listener (it closes everything opened for someone else):
  // the document opens for the new owner after that.
  const off = onCopyOwnerChange((_previous, next) => {
    off()
    if (next) start(next)
    else settle()
  })
}

function dropEarly(open: OpenDoc): void {
  if (early?.open !== open) return
  clearTimeout(early.timer)
  early = null
  open.destroy()
  settle()
}

/**
 * The early document named `docName` for the editor to bind (once), or null: none was opened,
 * another one was, or it was opened for someone else or closed since.
 */
export function claimEarlyDoc(docName: string): OpenDoc | null {
  if (!early) return null
  const { open, owner, timer } = early
  if (open.docName !== docName) return null
  early = null
  clearTimeout(timer)
  if (owner !== copyOwner() || !liveDocs().includes(open)) return null
  return open
}

/**
 * Resolves once the early document has synced, was refused or dropped, or none could open
 * (nobody signed in): the page the person opened is ready, heavier background work may start.
 */
export function earlyDocSettled(): Promise<void> {
  return settled ? Promise.resolve() : new Promise((resolve) => settledListeners.add(resolve))
}
