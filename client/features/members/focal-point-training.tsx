import { useState, type FormEvent } from 'react'
import { useT } from '../../i18n/provider'
import { request } from '../../api/request'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import { dayLabel } from '../../ui/periods'
import { DayInput } from '../../ui/day-input'
import { ConfirmButton } from '../admin/confirm-dialog'

/**
 * The focal point's training (2023 ¶15: a trained digital-diplomacy official in every EU
 * delegation). Everyone sees it; the hub's coordinators record it, with the day of the training.
 */
export function FocalPointTraining({
  hub,
  canManage,
  act,
}: {
  hub: HubDetailView
  canManage: boolean
  act: (fn: () => Promise<unknown>) => Promise<void>
}) {
  const focal = hub.focalPoint
  const t = useT()
  const [day, setDay] = useState(focal?.trainedOn ?? '')
  if (!focal) return null
  const base = `/api/hubs/${encodeURIComponent(hub.id)}/focal-point`
  const record = (e: FormEvent) => {
    e.preventDefault()
    void act(() => request('PUT', base, { userId: focal.userId, trained: true, trainedOn: day || null }))
  }
  return (
    <div className="focal-training" data-testid="focal-training-status">
      {focal.trained ? (
        <span className="chip accent">{focal.trainedOn ? t('focal.trainedOn', { day: dayLabel(focal.trainedOn) }) : t('focal.trained')}</span>
      ) : (
        <span className="chip warn">{t('focal.notYet')}</span>
      )}
      {focal.since && <span className="muted">{t('focal.since', { day: dayLabel(focal.since) })}</span>}
      {canManage && (
        <form onSubmit={record} className="inline-form" aria-label={t('focal.form')}>
          <DayInput label={t('focal.day')} value={day || null} onChange={(d) => setDay(d ?? '')} />
          <button type="submit">{focal.trained ? t('focal.update') : t('focal.record')}</button>
          {focal.trained && (
            <ConfirmButton
              label={t('focal.notTrained')}
              title={t('focal.notTrainedTitle', { name: focal.name })}
              message={t('focal.notTrainedMessage', { name: focal.name })}
              confirmLabel={t('focal.notTrained')}
              onConfirm={() => act(() => request('PUT', base, { userId: focal.userId, trained: false }))}
            />
          )}
        </form>
      )}
    </div>
  )
}
