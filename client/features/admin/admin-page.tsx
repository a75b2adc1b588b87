import { Link, match, useRouter } from '../../app/router'
import { useT } from '../../i18n/provider'
import type { MessageId } from '../../i18n/intl'
import { AuditSection } from './audit-panel'
import { HubsSection } from './hubs-section'
import { PeriodsSection } from './periods-section'
import { UsersSection } from './users-panel'
import { GgProjectsPanel } from './gg-projects-panel'
import './admin.css'

/** The administration's sections, each at its own URL; `/admin` lands on users. */
const SECTIONS = [
  { id: 'users', label: 'admin.section.users' },
  { id: 'hubs', label: 'admin.section.hubs' },
  { id: 'periods', label: 'admin.section.periods' },
  { id: 'references', label: 'admin.section.references' },
  { id: 'audit', label: 'admin.section.audit' },
] as const satisfies readonly { id: string; label: MessageId }[]
type Section = (typeof SECTIONS)[number]['id']

/** The section a path names (`/admin` → users), or null for a path that names none. */
export function adminSection(path: string): Section | null {
  if (path === '/admin' || path === '/admin/') return 'users'
  const id = match('/admin/:section', path)?.section
  return SECTIONS.find((s) => s.id === id)?.id ?? null
}

/**
 * Administration (`/admin/…`, admins only): users (invite with a one-time link, disable, enable,
 * reset password, change role), hubs and missions, reporting periods, Global Gateway projects and
 * the audit trail, one section at a time. Memberships and focal points are managed on each hub's
 * Members tab (also open to the hub's coordinators).
 */
export default function AdminPage() {
  const { path } = useRouter()
  const t = useT()
  const section = adminSection(path)
  return (
    <main id="main" className="page">
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.sections')}>
        <ul className="admin-nav">
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <Link to={`/admin/${s.id}`} {...(section === s.id ? { 'aria-current': 'page' as const } : {})}>
                {t(s.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {section === 'users' && <UsersSection />}
      {section === 'hubs' && <HubsSection />}
      {section === 'periods' && <PeriodsSection />}
      {section === 'references' && <GgProjectsPanel />}
      {section === 'audit' && <AuditSection />}
      {section === null && <p role="alert">{t('admin.noSection')}</p>}
    </main>
  )
}
