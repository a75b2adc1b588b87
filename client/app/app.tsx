import { Link, match, Router, useRouter } from './router'
import { SessionProvider, useSession } from './session'
import { LoginPage } from '../pages/login-page'
import { HomePage } from '../pages/home-page'
import { HubPage } from '../pages/hub-page'
import { useModule } from './use-module'

const loadRollup = () => import('../features/rollup/rollup-page')

/** Header with landmarks: skip link, the app name, who is signed in, sign-out. */
function Shell() {
  const { me, loading, expired, signOut } = useSession()
  const { path, navigate } = useRouter()
  if (loading) return <p className="muted page">Loading…</p>
  if (!me || expired) return <LoginPage expired={expired} />
  if (path === '/login') {
    navigate('/')
    return null
  }
  const RollupPage = useModule(loadRollup, path === '/rollup')?.default
  const hub = match('/hubs/:hubId/:tab', path)
  const note = match('/hubs/:hubId/notes/:noteId', path)
  return (
    <>
      <a href="#main" className="skip">Skip to content</a>
      <header className="top">
        <Link to="/" className="brand">Hubwork</Link>
        <nav aria-label="Main">
          <Link to="/" {...(path === '/' ? { 'aria-current': 'page' as const } : {})}>My hubs</Link>
          <Link to="/rollup" {...(path === '/rollup' ? { 'aria-current': 'page' as const } : {})}>Dashboard</Link>
        </nav>
        <span className="who">
          {me.name} <span className="muted">({me.role})</span>
        </span>
        <button type="button" onClick={() => void signOut().then(() => navigate('/login'))}>Sign out</button>
      </header>
      {note ? (
        <HubPage hubId={note.hubId} tab="notes" noteId={note.noteId} />
      ) : hub ? (
        <HubPage hubId={hub.hubId} tab={hub.tab} />
      ) : path === '/' ? (
        <HomePage />
      ) : path === '/rollup' ? (
        RollupPage ? <RollupPage /> : <main id="main" className="page"><p className="muted">Loading…</p></main>
      ) : (
        <main id="main" className="page">
          <h1>Page not found</h1>
          <Link to="/">Back to my hubs</Link>
        </main>
      )}
    </>
  )
}

export function App() {
  return (
    <SessionProvider>
      <Router>
        <Shell />
      </Router>
    </SessionProvider>
  )
}
