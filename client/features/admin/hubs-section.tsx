import { useState } from 'react'
import { Link } from '../../app/router'
import { useLanguage, useT } from '../../i18n/provider'
import { regionLabel } from '../../../shared/labels'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import { Table } from '../../ui/table'
import { HubPanel } from './hub-panel'
import { MissionPanel, type MissionDraft } from './mission-panel'
import { HUBS, useAct, useHubs } from './use-admin'

/** Hubs and missions (`/admin/hubs`): the hubs with their missions, a new hub, a mission added to a hub chosen by name. */
export function HubsSection() {
  const hubs = useHubs()
  const { error, notice, act } = useAct(HUBS)
  const [mission, setMission] = useState<MissionDraft>({ hubId: '', code: '', name: '' })
  const t = useT()
  const { language } = useLanguage()
  const list = [...(hubs.data ?? [])].sort((a, b) => a.name.localeCompare(b.name))
  return (
    <section aria-labelledby="hubs-section-title">
      <h2 id="hubs-section-title" className="sr-only">{t('admin.section.hubs')}</h2>
      <ErrorBanner message={error ?? hubs.error?.message} />
      <NoticeBanner message={notice} />
      <div className="two-col">
        <HubPanel act={act} onCreated={(hubId) => setMission({ hubId, code: '', name: '' })} />
        <MissionPanel mission={mission} onChange={setMission} act={act} hubs={list} />
      </div>
      <section className="panel" aria-labelledby="hub-list-title">
        <h2 id="hub-list-title">{t('admin.hubList', { count: list.length })}</h2>
        {hubs.isPending && <p className="muted" role="status">{t('common.loading')}</p>}
        <Table caption={t('admin.hubListCaption')} captionHidden columns={[t('col.hub'), t('admin.countryName'), t('admin.region'), t('admin.missions')]} testId="admin-hubs">
          {list.map((h) => (
            <tr key={h.id}>
              <th scope="row">
                <Link to={`/hubs/${encodeURIComponent(h.id)}/members`}>{h.name}</Link>
              </th>
              <td>{h.countryName}</td>
              <td>{regionLabel(h.region, language)}</td>
              <td>{h.missions.map((m) => m.code).join(', ') || '—'}</td>
            </tr>
          ))}
        </Table>
      </section>
    </section>
  )
}
