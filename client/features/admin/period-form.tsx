import { useState, type FormEvent } from 'react'
import { request } from '../../api/request'
import type { Act } from './use-admin'
import { DayInput } from '../../ui/day-input'

const EMPTY = { id: '', start: '', end: '', briefDue: '' }

/** Creates a reporting period: an id like 2026-H2, its first and last day, and when briefs are due. */
export function PeriodForm({ act }: { act: Act }) {
  const [draft, setDraft] = useState(EMPTY)
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }))
  const handle = (e: FormEvent) => {
    e.preventDefault()
    void act(async () => {
      await request('POST', '/api/periods', draft)
      setDraft(EMPTY)
    }, `Period ${draft.id} created.`)
  }
  return (
    <section className="panel" aria-labelledby="new-period-title">
      <h2 id="new-period-title">New reporting period</h2>
      <form onSubmit={handle} aria-label="New reporting period">
        <label>
          Period id (letters, digits and dashes, at most 20)
          <input required pattern="[A-Za-z0-9\-]{1,20}" maxLength={20} placeholder="2026-H2" value={draft.id} onChange={set('id')} />
        </label>
        <DayInput label="First day" required value={draft.start || null} onChange={(d) => setDraft((x) => ({ ...x, start: d ?? '' }))} />
        <DayInput label="Last day" required min={draft.start || undefined} value={draft.end || null} onChange={(d) => setDraft((x) => ({ ...x, end: d ?? '' }))} />
        <DayInput label="Briefs due" required value={draft.briefDue || null} onChange={(d) => setDraft((x) => ({ ...x, briefDue: d ?? '' }))} />
        <button type="submit">Create period</button>
      </form>
    </section>
  )
}
