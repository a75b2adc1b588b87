import { startEarly } from '../api/early-get'
import { logoutPending } from './pending-logout'
import { openedHubPage } from './opened-page'

/**
 * Imported first by main.tsx, so that it runs before the rest of the app's code is evaluated: the
 * session and, on a hub's page, the hub are asked for at once rather than after the first render
 * and one after the other (api/early-get.ts). A sign-out not yet sent must reach the server before
 * anything is asked as the person (app/session.tsx): then nothing is asked early.
 */
if (!logoutPending()) {
  startEarly('/api/me')
  const opened = openedHubPage(location.pathname)
  if (opened) startEarly(`/api/hubs/${encodeURIComponent(opened.hubId)}`)
}
