import { useState, type FormEvent } from 'react'
import { useT } from '../../i18n/provider'
import { request } from '../../api/request'
import { invalidateApi } from '../../api/query'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { MeView } from '../../../shared/schemas/auth'
import { Flag } from '../../ui/flag-icon'
import { canManageMembers } from '../../../shared/access'
import { ErrorBanner } from '../../ui/error-banner'
import { Select } from '../../ui/select'
import { FocalPointTraining } from './focal-point-training'
import { ConfirmButton } from '../admin/confirm-dialog'

/** The hub's missions, their people and the digital focal point; coordinators manage them. */
export default function MembersTab({ hub, me, onChanged }: { hub: HubDetailView; me: MeView; onChanged: () => void }) {
  const canManage = canManageMembers(me, hub.id)
  const t = useT()
  const [email, setEmail] = useState('')
  const [mission, setMission] = useState(hub.missions[0]?.id ?? '')
  const [coordinator, setCoordinator] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const base = `/api/hubs/${encodeURIComponent(hub.id)}`
  const act = async (fn: () => Promise<unknown>) => {
    setError(null)
    try {
      await fn()
      // The hub page reads itself again; cached reads of hubs (lists, focal points) are stale too.
      onChanged()
      void invalidateApi('/api/hubs')
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const handleAdd = (e: FormEvent) => {
    e.preventDefault()
    void act(() => request('POST', `${base}/members`, { email, missionId: mission, coordinator })).then(() => setEmail(''))
  }
  return (
    <section aria-label={t('members.section')}>
      <p>
        {t('members.focal')}<strong data-testid="focal-point">{hub.focalPoint?.name ?? t('members.none')}</strong>
      </p>
      <FocalPointTraining hub={hub} canManage={canManage} act={act} />
      <ErrorBanner message={error} />
      {hub.missions.map((m) => {
        const people = hub.members.filter((p) => p.missionId === m.id)
        return (
          <section key={m.id} className="mission" aria-label={m.name}>
            <h2>
              <Flag code={m.code} />
              {m.name} <span className="muted">({m.code === 'EU' ? t('members.euDelegation') : t('members.embassy', { code: m.code })})</span>
            </h2>
            <ul>
              {people.map((p) => (
                <li key={p.userId}>
                  {p.name} <span className="muted">{p.email}</span>
                  {p.coordinator && <span className="chip">{t('members.coordinator')}</span>}
                  {hub.focalPoint?.userId === p.userId && <span className="chip">{t('members.focalChip')}</span>}
                  {canManage && (
                    <>
                      {hub.focalPoint?.userId !== p.userId && (
                        <ConfirmButton
                          label={t('members.makeFocalLabel', { name: p.name })}
                          text={t('members.makeFocal')}
                          message={hub.focalPoint ? t('members.makeFocalInstead', { name: p.name, previous: hub.focalPoint.name }) : t('members.makeFocalMessage', { name: p.name })}
                          confirmLabel={t('members.makeFocal')}
                          onConfirm={() => void act(() => request('PUT', `${base}/focal-point`, { userId: p.userId }))}
                        />
                      )}
                      <ConfirmButton
                        label={t('members.removeLabel', { name: p.name })}
                        text={t('members.remove')}
                        message={t('members.removeMessage', { name: p.name })}
                        confirmLabel={t('members.remove')}
                        onConfirm={() => void act(() => request('DELETE', `${base}/members/${p.userId}`))}
                      />
                    </>
                  )}
                </li>
              ))}
              {people.length === 0 && <li className="muted">{t('members.noOne')}</li>}
            </ul>
          </section>
        )
      })}
      {canManage && (
        <form onSubmit={handleAdd} className="inline-form" aria-label={t('members.add')}>
          <label>
            {t('members.email')}
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
          <Select label={t('members.mission')} value={mission} onChange={setMission} options={hub.missions.map((m) => ({ value: m.id, label: `${m.code} — ${m.name}` }))} />
          <label className="check">
            <input type="checkbox" checked={coordinator} onChange={(e) => setCoordinator(e.target.checked)} />{t('members.coordinatorCheck')}
          </label>
          <button type="submit">{t('members.addButton')}</button>
        </form>
      )}
    </section>
  )
}
