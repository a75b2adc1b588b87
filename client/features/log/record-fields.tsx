import { useState, type FormEvent } from 'react'
import type { Taxonomy } from '../../../shared/taxonomy'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { GgProjectView } from '../../../shared/schemas/references'
import {
  ACTION_KIND_LABELS, ACTION_KINDS, COUNTERPART_LABELS, COUNTERPARTS, ESCALATION_LABELS, ESCALATIONS, EXCHANGE_TYPE_LABELS, EXCHANGE_TYPES,
  type StatusChangeView,
} from '../../../shared/records'
import { ACTION_STATUS_LABELS } from '../../../shared/item-statuses'
import { Select } from '../../ui/select'

/**
 * The structured fields of log entries as form controls, the status timeline, and
 * the dialog that asks for an outcome (done) or a reason (dropped) before a status is written.
 */

/** The taxonomy as `/api/taxonomy` answers it: with the Global Gateway projects. */
export type RecordTaxonomy = Taxonomy & { ggProjects?: GgProjectView[] }

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }))
export const EXCHANGE_TYPE_OPTIONS = options(EXCHANGE_TYPES, EXCHANGE_TYPE_LABELS)
export const ACTION_KIND_OPTIONS = options(ACTION_KINDS, ACTION_KIND_LABELS)
export const ESCALATION_OPTIONS = options(ESCALATIONS, ESCALATION_LABELS)

export const partnershipOptions = (t: RecordTaxonomy | null) => (t?.partnerships ?? []).map((p) => ({ value: p.id, label: p.label }))
export const ggProjectOptions = (t: RecordTaxonomy | null) => (t?.ggProjects ?? []).map((g) => ({ value: g.id, label: g.name }))
export const partnershipLabel = (t: RecordTaxonomy | null, id: string) => t?.partnerships.find((p) => p.id === id)?.label ?? id

/** Counterparts as checkboxes. */
export function CounterpartPicker({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset>
      <legend>Counterparts met</legend>
      {COUNTERPARTS.map((c) => (
        <label key={c} className="check">
          <input type="checkbox" checked={value.includes(c)} onChange={() => onChange(value.includes(c) ? value.filter((x) => x !== c) : [...value, c])} />
          {COUNTERPART_LABELS[c]}
        </label>
      ))}
    </fieldset>
  )
}

/** The hub's members as an owner picker. */
export function OwnerPicker({ hub, value, onChange }: { hub: HubDetailView; value: string; onChange: (v: string) => void }) {
  const members = [...hub.members].sort((a, b) => a.name.localeCompare(b.name))
  return <Select label="Owner" value={value} onChange={onChange} empty="No owner" options={members.map((m) => ({ value: m.userId, label: `${m.name} (${m.mission})` }))} />
}

/** Who changed an action's status, when, from what to what: the server's record. */
export function StatusTimeline({ history, hub }: { history: StatusChangeView[]; hub: HubDetailView }) {
  if (history.length === 0) return <p className="muted small">No status changes recorded yet.</p>
  const name = (id: string) => hub.members.find((m) => m.userId === id)?.name ?? id
  const label = (s: string | null) => (s ? (ACTION_STATUS_LABELS as Record<string, string>)[s] ?? s : 'created')
  return (
    <ol className="plain small" aria-label="Status timeline" data-testid="status-timeline">
      {history.map((h, i) => (
        <li key={i}>
          <time dateTime={h.at}>{h.at.slice(0, 16).replace('T', ' ')}</time> · {name(h.by)}: {label(h.from)} → {label(h.to)}
        </li>
      ))}
    </ol>
  )
}

/** Asks for the outcome of a done action or the reason a dropped one was dropped. */
export function CloseDialog({ title, to, onConfirm, onCancel }: { title: string; to: 'done' | 'dropped'; onConfirm: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (text.trim()) onConfirm(text.trim())
  }
  const what = to === 'done' ? 'Outcome' : 'Reason for dropping it'
  return (
    <div className="drawer" role="dialog" aria-modal="true" aria-labelledby="close-dialog-title">
      <form onSubmit={submit}>
        <h2 id="close-dialog-title">{to === 'done' ? `Mark “${title}” done` : `Drop “${title}”`}</h2>
        <label>
          {what}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} required maxLength={5000} autoFocus />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={!text.trim()}>{to === 'done' ? 'Mark done' : 'Drop'}</button>
          <button type="button" onClick={onCancel}>Cancel</button>
        </div>
      </form>
    </div>
  )
}
