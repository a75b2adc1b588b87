import { useState, type FormEvent } from 'react'
import { useT } from '../../i18n/provider'
import { request } from '../../api/request'
import type { Act } from './use-admin'
import { DayInput } from '../../ui/day-input'

const EMPTY = { id: '', start: '', end: '', briefDue: '' }

/** Creates a reporting period: an id like 2026-H2, its first and last day, and when briefs are due. */
export function PeriodForm({ act }: { act: Act }) {
  const [draft, setDraft] = useState(EMPTY)
  const t = useT()
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }))
  const handle = (e: FormEvent) => {
    e.preventDefault()
    void act(async () => {
      await request('POST', '/api/periods', draft)
      setDraft(EMPTY)
    }, t('admin.periodCreated', { id: draft.id }))
  }
  return (
    <section className="panel" aria-labelledby="new-period-title">
      <h2 id="new-period-title">{t('admin.newPeriod')}</h2>
      <form onSubmit={handle} aria-label={t('admin.newPeriod')}>
        <label>
          {t('admin.periodIdLong')}
          <input required pattern="[A-Za-z0-9\-]{1,20}" maxLength={20} placeholder={t('admin.periodPlaceholder')} value={draft.id} onChange={set('id')} />
        </label>
        <DayInput label={t('admin.firstDay')} required value={draft.start || null} onChange={(d) => setDraft((x) => ({ ...x, start: d ?? '' }))} />
        <DayInput label={t('admin.lastDay')} required min={draft.start || undefined} value={draft.end || null} onChange={(d) => setDraft((x) => ({ ...x, end: d ?? '' }))} />
        <DayInput label={t('admin.briefsDue')} required value={draft.briefDue || null} onChange={(d) => setDraft((x) => ({ ...x, briefDue: d ?? '' }))} />
        <button type="submit">{t('admin.createPeriod')}</button>
      </form>
    </section>
  )
}
