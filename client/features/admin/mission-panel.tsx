import type { FormEvent } from 'react'
import { useT } from '../../i18n/provider'
import { request } from '../../api/request'
import type { Act } from './use-admin'

export interface MissionDraft {
  hubId: string
  code: string
  name: string
}

/** Adds a mission (the EU delegation or a Member State's embassy) to a hub. */
export function MissionPanel({ mission, onChange, act }: { mission: MissionDraft; onChange: (m: MissionDraft) => void; act: Act }) {
  const t = useT()
  const handleMission = (e: FormEvent) => {
    e.preventDefault()
    void act(() => request('POST', `/api/admin/hubs/${encodeURIComponent(mission.hubId)}/missions`, { code: mission.code, name: mission.name }), t('admin.missionAdded'))
  }
  return (
    <section className="panel" aria-labelledby="mission-title">
      <h2 id="mission-title">{t('admin.addMissionTitle')}</h2>
      <form onSubmit={handleMission} aria-label={t('admin.addMissionForm')}>
        <label>
          {t('admin.hubId')}
          <input required value={mission.hubId} onChange={(e) => onChange({ ...mission, hubId: e.target.value })} />
        </label>
        <label>
          {t('admin.missionCode')}
          <input required pattern="EU|[A-Z]{2}" value={mission.code} onChange={(e) => onChange({ ...mission, code: e.target.value.toUpperCase() })} />
        </label>
        <label>
          {t('admin.name')}
          <input required value={mission.name} onChange={(e) => onChange({ ...mission, name: e.target.value })} />
        </label>
        <button type="submit">{t('admin.addMission')}</button>
      </form>
      <p className="muted small">{t('admin.missionHint')}</p>
    </section>
  )
}
