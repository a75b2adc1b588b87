import { useState, type FormEvent } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { request } from '../../api/request'
import type { HubSummaryView } from '../../../shared/schemas/hubs'
import { Picker, type PickerOption } from './picker'
import type { Act } from './use-admin'

export interface MissionDraft {
  hubId: string
  code: string
  name: string
}

/** The EU's Member States: each may have an embassy in a hub's country. */
const MEMBER_STATES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']

/** A Member State's name in the interface's language (Greece's ISO code is GR; the EU says EL). */
function stateName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Adds a mission (the EU delegation or a Member State's embassy) to a hub chosen by name. */
export function MissionPanel({ mission, onChange, act, hubs }: { mission: MissionDraft; onChange: (m: MissionDraft) => void; act: Act; hubs: HubSummaryView[] }) {
  const t = useT()
  const { language } = useLanguage()
  const [nameTouched, setNameTouched] = useState(false)
  const hub = hubs.find((h) => h.id === mission.hubId)
  const taken = new Set(hub?.missions.map((m) => m.code) ?? [])
  const hubOptions: PickerOption[] = [...hubs].sort((a, b) => a.name.localeCompare(b.name)).map((h) => ({ value: h.id, label: h.name, hint: h.countryName }))
  const missionOptions: PickerOption[] = [
    { value: 'EU', label: t('admin.euDelegationOption'), hint: 'EU' },
    ...MEMBER_STATES.map((c) => ({ value: c, label: stateName(c, language), hint: c })).sort((a, b) => a.label.localeCompare(b.label, language)),
  ].filter((o) => !taken.has(o.value) || o.value === mission.code)
  // The mission's name is suggested (in English, as the records are) until the admin writes one.
  const suggested = (code: string, h = hub) =>
    !code || !h ? '' : code === 'EU' ? `EU Delegation to ${h.countryName}` : `Embassy of ${stateName(code, 'en')} in ${h.countryName}`
  const handleMission = (e: FormEvent) => {
    e.preventDefault()
    void act(async () => {
      await request('POST', `/api/admin/hubs/${encodeURIComponent(mission.hubId)}/missions`, { code: mission.code, name: mission.name })
      onChange({ hubId: mission.hubId, code: '', name: '' })
      setNameTouched(false)
    }, t('admin.missionAddedTo', { hub: hub?.name ?? '' }))
  }
  return (
    <section className="panel" aria-labelledby="mission-title">
      <h2 id="mission-title">{t('admin.addMissionTitle')}</h2>
      <form onSubmit={handleMission} aria-label={t('admin.addMissionForm')}>
        <Picker
          label={t('admin.hub')}
          testId="mission-hub"
          required
          options={hubOptions}
          value={mission.hubId}
          onChange={(hubId) => onChange({ ...mission, hubId, ...(!nameTouched ? { name: suggested(mission.code, hubs.find((h) => h.id === hubId)) } : {}) })}
        />
        {hub && hub.missions.length > 0 && (
          <p className="muted small">{t('admin.hubHasMissions', { codes: hub.missions.map((m) => m.code).join(', ') })}</p>
        )}
        <Picker
          label={t('admin.missionOf')}
          testId="mission-code"
          required
          options={missionOptions}
          value={mission.code}
          onChange={(code) => onChange({ ...mission, code, ...(!nameTouched ? { name: suggested(code) } : {}) })}
        />
        <label>
          {t('admin.missionName')}
          <input required value={mission.name} onChange={(e) => (setNameTouched(true), onChange({ ...mission, name: e.target.value }))} />
        </label>
        <button type="submit" disabled={!mission.hubId || !mission.code}>{t('admin.addMission')}</button>
      </form>
      <p className="muted small">{t('admin.missionHint')}</p>
    </section>
  )
}
