import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core'

/**
 * A browser context whose link can be cut for real: Chromium's offline emulation leaves open
 * WebSockets open (edits "made offline" would still reach the server), so the sync sockets go
 * through a route that is cut too.
 */
export interface CuttableContext {
  context: BrowserContext
  newPage(): Promise<Page>
  setOffline(offline: boolean): Promise<void>
}

export async function cuttableContext(browser: Browser): Promise<CuttableContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  let cut = false
  const sockets = new Set<WebSocketRoute>()
  await context.routeWebSocket(/\/collab\//, (ws) => {
    if (cut) return void ws.close({ code: 1001, reason: 'offline' })
    ws.connectToServer()
    sockets.add(ws)
  })
  return {
    context,
    newPage: () => context.newPage(),
    async setOffline(offline) {
      await context.setOffline(offline)
      cut = offline
      if (!offline) return
      await Promise.all([...sockets].map((ws) => ws.close({ code: 1001, reason: 'offline' })))
      sockets.clear()
    },
  }
}

/** Resolves once the page's service worker is active (the app's code is kept for offline use). */
export const serviceWorkerReady = (page: Page) =>
  page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready
    const worker = reg.active
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()))
    }
    return worker?.state ?? null
  })
