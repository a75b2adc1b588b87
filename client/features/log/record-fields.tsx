import { useState, type FormEvent } from 'react'
import { useT } from '../../i18n/provider'
import { currentLanguage } from '../../i18n/intl'
import { actionKindLabel, counterpartLabel, escalationLabel, exchangeTypeLabel } from '../../i18n/records'
import { actionStatusLabel } from '../../i18n/statuses'
import { termText } from '../../i18n/terms'
import type { Taxonomy } from '../../../shared/taxonomy'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { GgProjectView } from '../../../shared/schemas/references'
import {
  ACTION_KINDS, COUNTERPARTS, ESCALATIONS, EXCHANGE_TYPES,
  type StatusChangeView,
} from '../../../shared/records'
import { Select } from '../../ui/select'

/**
 * The structured fields of log entries as form controls, the status timeline, and
 * the dialog that asks for an outcome (done) or a reason (dropped) before a status is written.
 */

/** The taxonomy as `/api/taxonomy` answers it: with the Global Gateway projects. */
export type RecordTaxonomy = Taxonomy & { ggProjects?: GgProjectView[] }

// Functions, not constants: the labels follow the interface language of the moment.
const options = (values: readonly string[], label: (v: string) => string) => values.map((v) => ({ value: v, label: label(v) }))
export const exchangeTypeOptions = () => options(EXCHANGE_TYPES, exchangeTypeLabel)
export const actionKindOptions = () => options(ACTION_KINDS, actionKindLabel)
export const escalationOptions = () => options(ESCALATIONS, escalationLabel)

export const partnershipOptions = (t: RecordTaxonomy | null) => (t?.partnerships ?? []).map((p) => ({ value: p.id, label: termText(p, currentLanguage()) }))
export const ggProjectOptions = (t: RecordTaxonomy | null) => (t?.ggProjects ?? []).map((g) => ({ value: g.id, label: g.name }))
export const partnershipLabel = (t: RecordTaxonomy | null, id: string) => {
  const p = t?.partnerships.find((x) => x.id === id)
  return p ? termText(p, currentLanguage()) : id
}

/** Counterparts as checkboxes. */
export function CounterpartPicker({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const t = useT()
  return (
    <fieldset>
      <legend>{t('log.counterpartsMet')}</legend>
      {COUNTERPARTS.map((c) => (
        <label key={c} className="check">
          <input type="checkbox" checked={value.includes(c)} onChange={() => onChange(value.includes(c) ? value.filter((x) => x !== c) : [...value, c])} />
          {counterpartLabel(c)}
        </label>
      ))}
    </fieldset>
  )
}

/** The hub's members as an owner picker. */
export function OwnerPicker({ hub, value, onChange }: { hub: HubDetailView; value: string; onChange: (v: string) => void }) {
  const members = [...hub.members].sort((a, b) => a.name.localeCompare(b.name))
  const t = useT()
  return <Select label={t('log.owner')} value={value} onChange={onChange} empty={t('log.noOwner')} options={members.map((m) => ({ value: m.userId, label: `${m.name} (${m.mission})` }))} />
}

/** Who changed an action's status, when, from what to what: the server's record. */
export function StatusTimeline({ history, hub }: { history: StatusChangeView[]; hub: HubDetailView }) {
  const t = useT()
  if (history.length === 0) return <p className="muted small">{t('log.noStatusChanges')}</p>
  const name = (id: string) => hub.members.find((m) => m.userId === id)?.name ?? id
  const label = (s: string | null) => (s ? actionStatusLabel(s) : t('log.created'))
  return (
    <ol className="plain small" aria-label={t('log.timeline')} data-testid="status-timeline">
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
  const t = useT()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (text.trim()) onConfirm(text.trim())
  }
  const what = to === 'done' ? t('log.outcome') : t('log.dropReason')
  return (
    <div className="drawer" role="dialog" aria-modal="true" aria-labelledby="close-dialog-title">
      <form onSubmit={submit}>
        <h2 id="close-dialog-title">{to === 'done' ? t('log.markDoneTitle', { title }) : t('log.dropTitle', { title })}</h2>
        <label>
          {what}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} required maxLength={5000} autoFocus />
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={!text.trim()}>{to === 'done' ? t('log.markDone') : t('log.drop')}</button>
          <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  )
}
