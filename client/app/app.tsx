import { Link, match, Router, useRouter } from './router'
import { SessionProvider, useSession } from './session'
import { LoginPage } from '../pages/login-page'
import { HomePage } from '../pages/home-page'
import { HubPage } from '../pages/hub-page'
import { SetPasswordPage } from '../pages/set-password-page'
import { useModule } from './use-module'
import { useEffect, useState } from 'react'
import { Navigate } from 'react-router'
import { QueryClientProvider } from '@tanstack/react-query'
import { queryClient } from '../api/query'
import { followLive } from '../api/live-queries'
import { closeLive, onLive } from '../api/live'
import { canAdminister, canReviewBriefs } from '../../shared/access'
import { SignOutButton } from './sign-out'
import { PageLoading, useOnline } from '../offline/loading'
import { UpdateBanner } from '../offline/update-banner'
import { SearchBox } from '../features/search/search-box'
import { roleName } from '../../shared/labels'
import { LanguageProvider, useLanguage, useT } from '../i18n/provider'
import type { ReactNode } from 'react'

const loadRollup = () => import('../features/rollup/rollup-page')
const loadBoard = () => import('../features/threads/board-page')
const loadInbox = () => import('../features/threads/inbox-page')
const loadAdmin = () => import('../features/admin/admin-page')
const loadCompliance = () => import('../features/rollup/compliance-page')
const loadAccount = () => import('../features/account/account-page')
const loadReferences = () => import('../features/references/references-pages')
/** The reference entities' pages: the list, a partnership, a Global Gateway project. */
/** The administration's sections: `/admin`, `/admin/users`, `/admin/audit`… (the page says which exist). */
const isAdminPath = (path: string) => /^\/admin(\/[a-z-]*)?\/?$/.test(path)
const isReferencePath = (path: string) => path === '/references' || !!match('/partnerships/:id', path) || !!match('/gg-projects/:id', path)

/** The unread count of the inbox, live. */
function useUnread(signedIn: boolean): number {
  const [unread, setUnread] = useState(0)
  useEffect(() => {
    if (!signedIn) return
    return onLive('inbox', (d) => setUnread(Number(d.unread) || 0))
  }, [signedIn])
  return unread
}

/** While someone is signed in, live events refresh the cached reads they change. */
function useLiveQueries(signedIn: boolean): void {
  useEffect(() => (signedIn ? followLive() : undefined), [signedIn])
}

/** Header with landmarks: skip link, the app name, who is signed in, sign-out. */
function Shell() {
  const { me, loading, expired, localSince, signOut } = useSession()
  const t = useT()
  const { language } = useLanguage()
  const online = useOnline()
  const { path, navigate } = useRouter()
  // Hooks first, every render (React counts them); the early returns come after.
  const signedIn = !loading && !!me && !expired
  const RollupPage = useModule(loadRollup, signedIn && path === '/rollup')?.default
  const BoardPage = useModule(loadBoard, signedIn && path === '/cross-cutting')?.default
  const InboxPage = useModule(loadInbox, signedIn && path === '/inbox')?.default
  const AdminPage = useModule(loadAdmin, signedIn && isAdminPath(path))?.default
  const CompliancePage = useModule(loadCompliance, signedIn && path === '/rollup/briefs')?.default
  const AccountPage = useModule(loadAccount, signedIn && path === '/account')?.default
  const ReferencesPage = useModule(loadReferences, signedIn && isReferencePath(path))?.default
  const unread = useUnread(signedIn)
  useLiveQueries(signedIn)
  // On a phone the header's links fold into a menu; it closes on every move and on Escape.
  const [menuOpen, setMenuOpen] = useState(false)
  useEffect(() => setMenuOpen(false), [path])
  // The one-time link of an invitation works signed out (and signed in as someone else).
  if (path === '/set-password') return <SetPasswordPage />
  if (loading) return <p className="muted page">{t('common.loading')}</p>
  if (!me || expired) return (<><UpdateBanner /><LoginPage expired={expired} /></>)
  // Cyber ambassadors work on the cross-cutting board: it is where they land, never a hub they cannot open.
  if (path === '/login' || (path === '/' && me.role === 'cyber')) return <Navigate to={me.role === 'cyber' ? '/cross-cutting' : '/'} replace />
  const hub = match('/hubs/:hubId/:tab', path)
  const note = match('/hubs/:hubId/notes/:noteId', path)
  return (
    <>
      <a href="#main" className="skip">{t('shell.skip')}</a>
      <header className="top" onKeyDown={(e) => e.key === 'Escape' && menuOpen && setMenuOpen(false)}>
        <Link to="/" className="brand">{t('app.name')}</Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="top-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('shell.menu')}{unread > 0 && !menuOpen && <span className="badge" aria-hidden="true">{unread}</span>}
        </button>
        <div id="top-menu" className={menuOpen ? 'top-menu open' : 'top-menu'}>
        <nav aria-label={t('shell.mainNav')}>
          {me.role !== 'cyber' && <Link to="/" {...(path === '/' ? { 'aria-current': 'page' as const } : {})}>{t('shell.myHubs')}</Link>}
          <Link to="/rollup" {...(path === '/rollup' ? { 'aria-current': 'page' as const } : {})}>{t('shell.dashboard')}</Link>
          <Link to="/cross-cutting" {...(path === '/cross-cutting' ? { 'aria-current': 'page' as const } : {})}>{t('shell.crossCutting')}</Link>
          <Link to="/references" {...(isReferencePath(path) ? { 'aria-current': 'page' as const } : {})}>{t('shell.references')}</Link>
          {canAdminister(me) && (
            <Link to="/admin" {...(isAdminPath(path) ? { 'aria-current': 'page' as const } : {})}>
              {t('shell.admin')}
            </Link>
          )}
          <Link to="/inbox" {...(path === '/inbox' ? { 'aria-current': 'page' as const } : {})}>
            {t('shell.inbox')}{unread > 0 && <span className="badge" data-testid="unread"> {unread}<span className="sr-only"> {t('shell.unread', { count: unread })}</span></span>}
          </Link>
        </nav>
        <SearchBox me={me} />
        <span className="who">
          <Link to="/account">{me.name}</Link> <span className="muted">({roleName(me.role, language)})</span>
        </span>
        <SignOutButton onSignOut={() => void signOut().then(() => (closeLive(), queryClient.clear(), navigate('/login')))} />
        </div>
      </header>
      <UpdateBanner />
      {(!online || localSince) && (
        <p className="notice offline-bar" role="status" data-testid="offline-bar">
          {t('shell.offlineBar')}
        </p>
      )}
      {note ? (
        <HubPage hubId={note.hubId} tab="notes" noteId={note.noteId} />
      ) : hub ? (
        <HubPage hubId={hub.hubId} tab={hub.tab} />
      ) : path === '/' ? (
        <HomePage />
      ) : path === '/cross-cutting' ? (
        BoardPage ? <BoardPage /> : <PageLoading />
      ) : path === '/inbox' ? (
        InboxPage ? <InboxPage /> : <PageLoading />
      ) : isAdminPath(path) && canAdminister(me) ? (
        AdminPage ? <AdminPage /> : <PageLoading />
      ) : path === '/rollup/briefs' && canReviewBriefs(me) ? (
        CompliancePage ? <CompliancePage /> : <PageLoading />
      ) : path === '/account' ? (
        AccountPage ? <AccountPage /> : <PageLoading />
      ) : isReferencePath(path) ? (
        ReferencesPage ? <ReferencesPage /> : <PageLoading />
      ) : path === '/rollup' ? (
        RollupPage ? <RollupPage /> : <PageLoading />
      ) : (
        <main id="main" className="page">
          <h1>{t('shell.notFound')}</h1>
          <Link to="/">{t('shell.backToHubs')}</Link>
        </main>
      )}
    </>
  )
}

/** The interface speaks the signed-in person's language (or the browser's, before sign-in). */
function SessionLanguage({ children }: { children: ReactNode }) {
  const { me } = useSession()
  return <LanguageProvider account={me?.language}>{children}</LanguageProvider>
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <SessionLanguage>
          <Router>
            <Shell />
          </Router>
        </SessionLanguage>
      </SessionProvider>
    </QueryClientProvider>
  )
}
