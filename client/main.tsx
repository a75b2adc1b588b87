// First: the session and the hub are asked for before the rest of the code is evaluated.
import './app/first-reads'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import './ui/app.css'
import { startServiceWorker } from './offline/update-banner'
import { loadCatalog } from './i18n/intl'
import { browserLanguage, keptLanguage, resolveLanguage } from './i18n/language'
import { keptMe } from './offline/kept-answers'
import { isLanguage } from '../shared/languages'
import { preloadEditor } from './editor/lazy-editor'
import { earlyDocSettled, openEarlyDoc } from './sync/early-doc'
import { preloadTab } from './pages/hub-page'
import { openedHubPage } from './app/opened-page'

// The catalog the first page will likely speak (the person kept from last time, the sign-in
// page's pick, the browser's) starts loading before React renders (see i18n/intl.ts).
const lastAccount = keptMe<{ language?: unknown }>()?.data.language
void loadCatalog(resolveLanguage(isLanguage(lastAccount) ? lastAccount : null, keptLanguage(), browserLanguage())).catch(() => {})

const opened = openedHubPage(location.pathname)
// Opened on a hub's tab: its code comes while the session is asked for. On a brief or a note the
// editor's chunk (the largest) comes too, and the document connects once the session answers
// (sync/early-doc.ts).
if (opened) void preloadTab(opened.tab).catch(() => {})
if (opened?.docName) {
  void preloadEditor().catch(() => {})
  openEarlyDoc(opened.docName)
}

createRoot(document.getElementById('root')!).render(<App />)
// On a document's page, the service worker's first install waits for the document (at most 10 s).
startServiceWorker(opened?.docName ? Promise.race([earlyDocSettled(), new Promise((r) => setTimeout(r, 10_000))]) : undefined)
