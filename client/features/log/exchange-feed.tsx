import { useState, type FormEvent } from 'react'
import type { Exchange } from '../../../shared/log-doc'
import { DEFAULT_SCOPE, type Scope } from '../../../shared/scopes'
import type { Taxonomy } from '../../../shared/taxonomy'
import { TermPicker } from './term-picker'
import { plainOptions, Select } from '../../ui/select'
import { ErrorBanner } from '../../ui/error-banner'
import { ScopeChip, ScopePicker, scopeOptions } from '../../ui/scope'
import type { LogViewProps, Scoped } from './use-log'
import { createEntry, saveEntry } from './save-entry'
import { Link } from '../../app/router'
import { COUNTERPART_LABELS, ESCALATION_LABELS, EXCHANGE_TYPE_LABELS, type Counterpart, type Escalation, type ExchangeType } from '../../../shared/records'
import { canCoordinate } from '../../../shared/access'
import { CounterpartPicker, ESCALATION_OPTIONS, EXCHANGE_TYPE_OPTIONS, partnershipOptions, type RecordTaxonomy } from './record-fields'
import { entryAnchor } from '../../app/links'
import { RecordRefs } from '../references/record-refs'
import { formatDateTimeZone } from '../../ui/format'
import { DayInput } from '../../ui/day-input'
import { ConfirmButton } from '../../ui/confirm'
import { termLabel } from '../../../shared/labels'

type Props = LogViewProps<Exchange>

const themeLabel = (t: Taxonomy | null, id: string) => termLabel(t?.themes, id)
const todayIso = () => new Date().toISOString().slice(0, 10)
/** An exchange logged on a past day is dated noon UTC of that day (the server refuses future dates); today's is now. */
const createdAtFor = (day: string) => (day >= todayIso() ? new Date().toISOString() : `${day}T12:00:00.000Z`)

/** The information exchanges, newest first, with a composer and filters. Edits are live for all. */
export function ExchangeFeed({ docs, items, hub, me, mission, canWrite, taxonomy, counts, onDiscuss, focusId, onDelete }: Props) {
  const authorName = (id: string | null | undefined) => (id ? (hub.members.find((m) => m.userId === id)?.name ?? (id === me.id ? me.name : 'a former member')) : 'unknown')
  const [editing, setEditing] = useState<Scoped<Exchange> | 'new' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [scope, setScope] = useState('')
  const [theme, setTheme] = useState('')
  const [byMission, setByMission] = useState('')
  const [onlyCross, setOnlyCross] = useState(false)
  const [type, setType] = useState('')
  const [counterpart, setCounterpart] = useState('')
  const [partnership, setPartnership] = useState('')
  const tax = taxonomy as RecordTaxonomy | null
  const shown = items.filter(
    (e) => (!theme || e.themes.some((t) => t === theme || t.startsWith(theme + '.'))) && (!byMission || e.mission === byMission) && (!onlyCross || e.crossCutting) && (!scope || e.scope === scope)
      && (!type || e.exchangeType === type) && (!counterpart || e.counterparts.includes(counterpart as Counterpart)) && (!partnership || e.partnership === partnership),
  )
  return (
    <>
      <div className="filters" role="group" aria-label="Filter exchanges">
        <Select label="Theme" value={theme} onChange={setTheme} empty="All themes" options={(taxonomy?.themes ?? []).filter((t) => t.parent === t.id).map((t) => ({ value: t.id, label: t.label }))} />
        <Select label="Mission" value={byMission} onChange={setByMission} empty="All missions" options={plainOptions(hub.missions.map((m) => m.code))} />
        <Select label="Scope" value={scope} onChange={setScope} empty="All scopes" options={scopeOptions(docs.choices)} />
        <Select label="Type" value={type} onChange={setType} empty="All types" options={EXCHANGE_TYPE_OPTIONS} />
        <Select label="Counterpart" value={counterpart} onChange={setCounterpart} empty="All counterparts" options={Object.entries(COUNTERPART_LABELS).map(([value, label]) => ({ value, label }))} />
        <Select label="Partnership" value={partnership} onChange={setPartnership} empty="All partnerships" options={partnershipOptions(tax)} />
        <label className="check">
          <input type="checkbox" checked={onlyCross} onChange={(e) => setOnlyCross(e.target.checked)} /> Cross-cutting only
        </label>
        {canWrite && <button type="button" className="primary" onClick={() => setEditing('new')}>New exchange</button>}
      </div>
      {editing && (
        <ExchangeForm
          initial={editing === 'new' ? null : editing}
          taxonomy={taxonomy}
          hub={hub}
          coordinates={canCoordinate(me, hub.id)}
          choices={docs.choices}
          onCancel={() => setEditing(null)}
          onSave={({ scope: to, ...v }) => {
            setError(null)
            if (editing === 'new') {
              const { day, ...fields } = v
              createEntry(docs, 'exchange', to, { ...fields, mission, authorId: me.id, createdAt: createdAtFor(day) })
            }
            // The day is chosen when the exchange is logged; an edit keeps its date.
            else saveEntry(docs, hub.id, editing, (({ day: _day, ...fields }) => fields)(v), to).catch((err: Error) => setError(`Could not change who reads “${editing.title}”: ${err.message}`))
            setEditing(null)
          }}
        />
      )}
      <ErrorBanner message={error} />
      <ol className="feed" aria-label="Exchanges, newest first">
        {shown.map((e) => (
          <li key={e.id} id={entryAnchor(e.id)} tabIndex={-1} className={e.id === focusId ? 'entry target' : 'entry'} data-testid="exchange">
            <h3>{e.title || <em>untitled</em>}</h3>
            <p className="muted small">
              <span data-testid="exchange-author">{authorName(e.authorId)}</span> · {e.mission || '?'} · {e.createdAt ? <time dateTime={e.createdAt}>{formatDateTimeZone(e.createdAt)}</time> : 'no date'}
              <ScopeChip scope={e.scope} />
              {e.crossCutting && <span className="chip accent">cross-cutting</span>}
              {e.issues.length > 0 && <span className="chip warn" title={e.issues.join('; ')}>needs attention</span>}
            </p>
            {(e.exchangeType || e.counterparts.length > 0 || e.partnership || (e.crossCutting && e.escalation && e.escalation !== 'none')) && (
              <p className="small">
                {e.exchangeType && <span className="chip">{EXCHANGE_TYPE_LABELS[e.exchangeType as ExchangeType] ?? e.exchangeType}</span>}
                {e.counterparts.map((c) => <span key={c} className="chip">{COUNTERPART_LABELS[c]}</span>)}
                <RecordRefs partnership={e.partnership} names={tax} />
                {e.crossCutting && e.escalation && e.escalation !== 'none' && <span className="chip accent">escalated: {ESCALATION_LABELS[e.escalation as Escalation]}</span>}
              </p>
            )}
            {e.body && <p className="body">{e.body}</p>}
            <p>{e.themes.map((t) => <span key={t} className="chip">{themeLabel(taxonomy, t)}</span>)}</p>
            <div className="row">
              {canWrite && <button type="button" onClick={() => setEditing(e)} aria-label={`Edit ${e.title}`}>Edit</button>}
              {canWrite && (
                <Link to={`/hubs/${hub.id}/actions?from=${encodeURIComponent(e.id)}`} aria-label={`Create an action from ${e.title}`}>Create an action</Link>
              )}
              {canWrite && onDelete && (
                <ConfirmButton label={`Delete ${e.title || 'untitled'}`} message="Delete this exchange for everyone?" confirmLabel="Delete" text="Delete" onConfirm={() => onDelete(e)} className="danger" />
              )}
              <button type="button" onClick={() => onDiscuss(e.id)} aria-label={`Comments on ${e.title}: ${counts[e.id] ?? 0}`}>
                Comments ({counts[e.id] ?? 0})
              </button>
            </div>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No exchanges match.</li>}
      </ol>
    </>
  )
}

interface ExchangeInput {
  title: string
  body: string
  themes: string[]
  forums: string[]
  crossCutting: boolean
  scope: Scope
  exchangeType: ExchangeType | null
  counterparts: Counterpart[]
  missions: string[]
  partnership: string | null
  escalation?: Escalation | null
  /** The day it happened (a meeting last week is logged on its day). */
  day: string
}

function ExchangeForm({ initial, taxonomy, hub, coordinates, choices, onSave, onCancel }: {
  initial: Scoped<Exchange> | null
  taxonomy: Taxonomy | null
  hub: LogViewProps<Exchange>['hub']
  /** The hub's coordinators set a cross-cutting item's escalation (2025 ¶27). */
  coordinates: boolean
  choices: readonly Scope[]
  onSave: (v: ExchangeInput) => void
  onCancel: () => void
}) {
  const [title, setTitle] = useState(initial?.title ?? '')
  const [body, setBody] = useState(initial?.body ?? '')
  const [themes, setThemes] = useState<string[]>(initial?.themes ?? [])
  const [forums, setForums] = useState<string[]>(initial?.forums ?? [])
  const [crossCutting, setCrossCutting] = useState(initial?.crossCutting ?? false)
  const [scope, setScope] = useState<Scope>(initial?.scope ?? DEFAULT_SCOPE)
  const [exchangeType, setExchangeType] = useState<string>(initial?.exchangeType ?? '')
  const [counterparts, setCounterparts] = useState<string[]>(initial?.counterparts ?? [])
  const [missions, setMissions] = useState<string[]>(initial?.missions ?? [])
  const [partnership, setPartnership] = useState<string>(initial?.partnership ?? '')
  const [escalation, setEscalation] = useState<string>(initial?.escalation ?? 'none')
  const [day, setDay] = useState<string | null>(todayIso())
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault()
    onSave({
      title: title.trim(), body, themes, forums, crossCutting, scope, day: day ?? todayIso(),
      exchangeType: (exchangeType || null) as ExchangeType | null, counterparts: counterparts as Counterpart[], missions, partnership: partnership || null,
      // Only coordinators send it; others leave it as it is (the server refuses their change).
      ...(coordinates && crossCutting ? { escalation: escalation as Escalation } : {}),
    })
  }
  return (
    <form className="composer" onSubmit={handleSubmit} aria-label={initial ? 'Edit exchange' : 'New exchange'}>
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
      </label>
      {initial ? (
        <p className="muted small">Date: {formatDateTimeZone(initial.createdAt)} (kept as posted)</p>
      ) : (
        <DayInput label="Date of the exchange" value={day} onChange={setDay} required />
      )}
      <label>
        What was shared
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} maxLength={20000} />
      </label>
      <div className="pickers">
        <TermPicker label="Themes" terms={taxonomy?.themes ?? []} value={themes} onChange={setThemes} />
        <TermPicker label="Forums" terms={taxonomy?.forums ?? []} value={forums} onChange={setForums} />
      </div>
      <Select label="Type of exchange" value={exchangeType} onChange={setExchangeType} empty="Not set" options={EXCHANGE_TYPE_OPTIONS} />
      <CounterpartPicker value={counterparts} onChange={setCounterparts} />
      <fieldset>
        <legend>Missions taking part</legend>
        {hub.missions.map((m) => (
          <label key={m.id} className="check">
            <input type="checkbox" checked={missions.includes(m.code)} onChange={() => setMissions(missions.includes(m.code) ? missions.filter((x) => x !== m.code) : [...missions, m.code])} />
            {m.code}
          </label>
        ))}
      </fieldset>
      <Select label="Partnership or dialogue" value={partnership} onChange={setPartnership} empty="None" options={partnershipOptions(taxonomy as RecordTaxonomy | null)} />
      <label className="check">
        <input type="checkbox" checked={crossCutting} onChange={(e) => setCrossCutting(e.target.checked)} /> Cross-cutting (visible to cyber ambassadors)
      </label>
      {crossCutting && coordinates && <Select label="Escalation" value={escalation} onChange={setEscalation} options={ESCALATION_OPTIONS} />}
      <ScopePicker value={scope} onChange={setScope} choices={choices} />
      <div className="row">
        <button type="submit" className="primary">{initial ? 'Save' : 'Post exchange'}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  )
}
