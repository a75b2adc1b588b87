import { useState } from 'react'
import { useT } from '../../i18n/provider'
import { Link } from '../../app/router'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import { AuditPanel } from './audit-panel'
import { HubPanel } from './hub-panel'
import { MissionPanel, type MissionDraft } from './mission-panel'
import { OneTimeLink } from './one-time-link'
import { useAdmin } from './use-admin'
import { UsersPanel } from './users-panel'
import { GgProjectsPanel } from './gg-projects-panel'

/**
 * Administration (`/admin`, admins only): users (invite with a one-time link, disable, enable,
 * reset password, change role), hubs and missions, and the audit trail. Memberships and focal
 * points are managed on each hub's Members tab (also open to the hub's coordinators).
 */
export default function AdminPage() {
  const { error, notice, link, setLink, users, audit, act } = useAdmin()
  const t = useT()
  const [mission, setMission] = useState<MissionDraft>({ hubId: '', code: '', name: '' })
  return (
    <main id="main" className="page">
      <h1>{t('admin.title')}</h1>
      <p>
        <Link to="/admin/periods">{t('admin.periodsLink')}</Link> <span className="muted small">{t('admin.periodsHint')}</span>
      </p>
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      {link && <OneTimeLink who={link.who} url={link.url} />}
      <UsersPanel users={users.users} q={users.q} onSearch={users.setQ} act={act} onLink={setLink} />
      <div className="two-col">
        <HubPanel act={act} onCreated={(hubId) => setMission((m) => ({ ...m, hubId }))} />
        <MissionPanel mission={mission} onChange={setMission} act={act} />
      </div>
      <GgProjectsPanel />
      <AuditPanel audit={audit.audit} filter={audit.filter} onFilter={audit.setFilter} />
    </main>
  )
}
