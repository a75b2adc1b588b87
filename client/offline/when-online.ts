/**
 * Whether the server was found unreachable: the browser's `navigator.onLine` stays true on many
 * dead links (and in some emulations), so a request that could not reach the server says so too.
 */
let unreachable = false
const linkListeners = new Set<() => void>()

export const serverUnreachable = () => unreachable

export function onLinkChange(cb: () => void): () => void {
  linkListeners.add(cb)
  return () => void linkListeners.delete(cb)
}

/** What the last request found: the server answered (true) or could not be reached (false). */
export function reportLink(reachable: boolean): void {
  if (unreachable === !reachable) return
  unreachable = !reachable
  linkListeners.forEach((l) => l())
}

/**
 * Runs `attempt` now and, each time it fails with a network failure (`isLinkFailure`), again when
 * the browser says the link is back (`online`) or after 5 s: a page that was loading when the link
 * dropped finishes by itself. Returns a function that stops retrying (on unmount).
 */
export function retryWhenOnline(attempt: () => Promise<unknown>, isLinkFailure: (err: unknown) => boolean = () => true): () => void {
  let stopped = false
  let cancel = () => {}
  const run = () => {
    if (stopped) return
    attempt().catch(
      (err: unknown) => {
        if (stopped || !isLinkFailure(err)) return
        reportLink(false)
        const again = () => {
          cancel()
          run()
        }
        const timer = setTimeout(again, 5000)
        window.addEventListener('online', again)
        cancel = () => {
          clearTimeout(timer)
          window.removeEventListener('online', again)
        }
      },
    )
  }
  run()
  return () => {
    stopped = true
    cancel()
  }
}
