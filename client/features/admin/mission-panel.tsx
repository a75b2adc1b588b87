import type { FormEvent } from 'react'
import { request } from '../../api/request'
import type { Act } from './use-admin'

export interface MissionDraft {
  hubId: string
  code: string
  name: string
}

/** Adds a mission (the EU delegation or a Member State's embassy) to a hub. */
export function MissionPanel({ mission, onChange, act }: { mission: MissionDraft; onChange: (m: MissionDraft) => void; act: Act }) {
  const handleMission = (e: FormEvent) => {
    e.preventDefault()
    void act(() => request('POST', `/api/admin/hubs/${encodeURIComponent(mission.hubId)}/missions`, { code: mission.code, name: mission.name }), 'Mission added.')
  }
  return (
    <section className="panel" aria-labelledby="mission-title">
      <h2 id="mission-title">Add a mission to a hub</h2>
      <form onSubmit={handleMission} aria-label="Add a mission">
        <label>
          Hub id
          <input required value={mission.hubId} onChange={(e) => onChange({ ...mission, hubId: e.target.value })} />
        </label>
        <label>
          Mission code (EU or a Member State's ISO code)
          <input required pattern="EU|[A-Z]{2}" value={mission.code} onChange={(e) => onChange({ ...mission, code: e.target.value.toUpperCase() })} />
        </label>
        <label>
          Name
          <input required value={mission.name} onChange={(e) => onChange({ ...mission, name: e.target.value })} />
        </label>
        <button type="submit">Add mission</button>
      </form>
      <p className="muted small">Members and the digital focal point are set on the hub's Members tab.</p>
    </section>
  )
}
