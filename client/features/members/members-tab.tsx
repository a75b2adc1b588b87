import { useState, type FormEvent } from 'react'
import { request } from '../../api/request'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { MeView } from '../../../shared/schemas/auth'
import { Flag } from '../../ui/flag-icon'
import { canManageMembers } from '../../../shared/access'
import { ErrorBanner } from '../../ui/error-banner'
import { Select } from '../../ui/select'
import { FocalPointTraining } from './focal-point-training'
import { ConfirmButton } from '../../ui/confirm'

/** The hub's missions, their people and the digital focal point; coordinators manage them. */
export default function MembersTab({ hub, me, onChanged }: { hub: HubDetailView; me: MeView; onChanged: () => void }) {
  const canManage = canManageMembers(me, hub.id)
  const [email, setEmail] = useState('')
  const [mission, setMission] = useState(hub.missions[0]?.id ?? '')
  const [coordinator, setCoordinator] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const base = `/api/hubs/${encodeURIComponent(hub.id)}`
  const act = async (fn: () => Promise<unknown>) => {
    setError(null)
    try {
      await fn()
      onChanged()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const handleAdd = (e: FormEvent) => {
    e.preventDefault()
    void act(() => request('POST', `${base}/members`, { email, missionId: mission, coordinator })).then(() => setEmail(''))
  }
  return (
    <section aria-label="Members">
      <p>
        Digital focal point: <strong data-testid="focal-point">{hub.focalPoint?.name ?? 'none'}</strong>
      </p>
      <FocalPointTraining hub={hub} canManage={canManage} act={act} />
      <ErrorBanner message={error} />
      {hub.missions.map((m) => {
        const people = hub.members.filter((p) => p.missionId === m.id)
        return (
          <section key={m.id} className="mission" aria-label={m.name}>
            <h2>
              <Flag code={m.code} />
              {m.name} <span className="muted">({m.code === 'EU' ? 'EU delegation' : `Member State embassy ${m.code}`})</span>
            </h2>
            <ul>
              {people.map((p) => (
                <li key={p.userId}>
                  {p.name} <span className="muted">{p.email}</span>
                  {p.coordinator && <span className="chip">coordinator</span>}
                  {hub.focalPoint?.userId === p.userId && <span className="chip">focal point</span>}
                  {canManage && (
                    <>
                      {hub.focalPoint?.userId !== p.userId && (
                        <ConfirmButton
                          label={`Make focal point: ${p.name}`}
                          text="Make focal point"
                          message={`${p.name} becomes the hub's focal point${hub.focalPoint ? `, instead of ${hub.focalPoint.name}` : ''}.`}
                          confirmLabel="Make focal point"
                          onConfirm={() => void act(() => request('PUT', `${base}/focal-point`, { userId: p.userId }))}
                        />
                      )}
                      <ConfirmButton
                        label={`Remove ${p.name}`}
                        text="Remove"
                        message={`${p.name} loses access to this hub's brief, notes and log.`}
                        confirmLabel="Remove"
                        onConfirm={() => void act(() => request('DELETE', `${base}/members/${p.userId}`))}
                      />
                    </>
                  )}
                </li>
              ))}
              {people.length === 0 && <li className="muted">No one registered.</li>}
            </ul>
          </section>
        )
      })}
      {canManage && (
        <form onSubmit={handleAdd} className="inline-form" aria-label="Add a member">
          <label>
            Email of the person
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
          <Select label="Mission" value={mission} onChange={setMission} options={hub.missions.map((m) => ({ value: m.id, label: `${m.code} — ${m.name}` }))} />
          <label className="check">
            <input type="checkbox" checked={coordinator} onChange={(e) => setCoordinator(e.target.checked)} /> Coordinator
          </label>
          <button type="submit">Add member</button>
        </form>
      )}
    </section>
  )
}
