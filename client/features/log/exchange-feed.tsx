import { useState, type FormEvent } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { currentLanguage } from '../../i18n/intl'
import { counterpartLabel, escalationLabel, exchangeTypeLabel } from '../../i18n/records'
import { termLabelIn, termText } from '../../i18n/terms'
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
import { COUNTERPARTS, type Counterpart, type Escalation, type ExchangeType } from '../../../shared/records'
import { canCoordinate } from '../../../shared/access'
import { CounterpartPicker, escalationOptions, exchangeTypeOptions, partnershipOptions, type RecordTaxonomy } from './record-fields'
import { entryAnchor } from '../../app/links'
import { RecordRefs } from '../references/record-refs'
import { formatDateTimeZone } from '../../ui/format'
import { DayInput } from '../../ui/day-input'
import { ConfirmButton } from '../../ui/confirm'

type Props = LogViewProps<Exchange>

const themeLabel = (t: Taxonomy | null, id: string) => termLabelIn(t?.themes, id, currentLanguage())
const todayIso = () => new Date().toISOString().slice(0, 10)
/** An exchange logged on a past day is dated noon UTC of that day (the server refuses future dates); today's is now. */
const createdAtFor = (day: string) => (day >= todayIso() ? new Date().toISOString() : `${day}T12:00:00.000Z`)

/** The information exchanges, newest first, with a composer and filters. Edits are live for all. */
export function ExchangeFeed({ docs, items, hub, me, mission, canWrite, taxonomy, counts, onDiscuss, focusId, onDelete }: Props) {
  const t = useT()
  const { language } = useLanguage()
  const authorName = (id: string | null | undefined) => (id ? (hub.members.find((m) => m.userId === id)?.name ?? (id === me.id ? me.name : t('log.formerMember'))) : t('log.unknown'))
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
      <div className="filters" role="group" aria-label={t('log.filterExchanges')}>
        <Select label={t('log.theme')} value={theme} onChange={setTheme} empty={t('log.allThemes')} options={(taxonomy?.themes ?? []).filter((x) => x.parent === x.id).map((x) => ({ value: x.id, label: termText(x, language) }))} />
        <Select label={t('log.mission')} value={byMission} onChange={setByMission} empty={t('log.allMissions')} options={plainOptions(hub.missions.map((m) => m.code))} />
        <Select label={t('log.scope')} value={scope} onChange={setScope} empty={t('log.allScopes')} options={scopeOptions(docs.choices)} />
        <Select label={t('log.type')} value={type} onChange={setType} empty={t('log.allTypes')} options={exchangeTypeOptions()} />
        <Select label={t('log.counterpart')} value={counterpart} onChange={setCounterpart} empty={t('log.allCounterparts')} options={COUNTERPARTS.map((value) => ({ value, label: counterpartLabel(value) }))} />
        <Select label={t('log.partnership')} value={partnership} onChange={setPartnership} empty={t('log.allPartnerships')} options={partnershipOptions(tax)} />
        <label className="check">
          <input type="checkbox" checked={onlyCross} onChange={(e) => setOnlyCross(e.target.checked)} />{t('log.crossOnly')}
        </label>
        {canWrite && <button type="button" className="primary" onClick={() => setEditing('new')}>{t('log.newExchange')}</button>}
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
            else saveEntry(docs, hub.id, editing, (({ day: _day, ...fields }) => fields)(v), to).catch((err: Error) => setError(t('log.scopeFailed', { title: editing.title, error: err.message })))
            setEditing(null)
          }}
        />
      )}
      <ErrorBanner message={error} />
      <ol className="feed" aria-label={t('log.feed')}>
        {shown.map((e) => (
          <li key={e.id} id={entryAnchor(e.id)} tabIndex={-1} className={e.id === focusId ? 'entry target' : 'entry'} data-testid="exchange">
            <h3>{e.title || <em>{t('log.untitled')}</em>}</h3>
            <p className="muted small">
              <span data-testid="exchange-author">{authorName(e.authorId)}</span> · {e.mission || '?'} · {e.createdAt ? <time dateTime={e.createdAt}>{formatDateTimeZone(e.createdAt)}</time> : t('log.noDate')}
              <ScopeChip scope={e.scope} />
              {e.crossCutting && <span className="chip accent">{t('log.crossCutting')}</span>}
              {e.issues.length > 0 && <span className="chip warn" title={e.issues.join('; ')}>{t('log.needsAttention')}</span>}
            </p>
            {(e.exchangeType || e.counterparts.length > 0 || e.partnership || (e.crossCutting && e.escalation && e.escalation !== 'none')) && (
              <p className="small">
                {e.exchangeType && <span className="chip">{exchangeTypeLabel(e.exchangeType)}</span>}
                {e.counterparts.map((c) => <span key={c} className="chip">{counterpartLabel(c)}</span>)}
                <RecordRefs partnership={e.partnership} names={tax} />
                {e.crossCutting && e.escalation && e.escalation !== 'none' && <span className="chip accent">{t('log.escalated', { to: escalationLabel(e.escalation) })}</span>}
              </p>
            )}
            {e.body && <p className="body">{e.body}</p>}
            <p>{e.themes.map((t) => <span key={t} className="chip">{themeLabel(taxonomy, t)}</span>)}</p>
            <div className="row">
              {canWrite && <button type="button" onClick={() => setEditing(e)} aria-label={t('log.editLabel', { title: e.title })}>{t('common.edit')}</button>}
              {canWrite && (
                <Link to={`/hubs/${hub.id}/actions?from=${encodeURIComponent(e.id)}`} aria-label={t('log.createActionLabel', { title: e.title })}>{t('log.createAction')}</Link>
              )}
              {canWrite && onDelete && (
                <ConfirmButton label={t('log.deleteLabel', { title: e.title || t('log.untitled') })} message={t('log.deleteExchange')} confirmLabel={t('common.delete')} text={t('common.delete')} onConfirm={() => onDelete(e)} className="danger" />
              )}
              <button type="button" onClick={() => onDiscuss(e.id)} aria-label={t('log.commentsLabel', { title: e.title, count: counts[e.id] ?? 0 })}>
                {t('log.comments', { count: counts[e.id] ?? 0 })}
              </button>
            </div>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">{t('log.noExchanges')}</li>}
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
  const t = useT()
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
    <form className="composer" onSubmit={handleSubmit} aria-label={initial ? t('log.editExchange') : t('log.newExchange')}>
      <label>
        {t('log.title')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
      </label>
      {initial ? (
        <p className="muted small">{t('log.datePosted', { when: formatDateTimeZone(initial.createdAt) })}</p>
      ) : (
        <DayInput label={t('log.dateOfExchange')} value={day} onChange={setDay} required />
      )}
      <label>
        {t('log.whatShared')}
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} maxLength={20000} />
      </label>
      <div className="pickers">
        <TermPicker label={t('log.themes')} terms={taxonomy?.themes ?? []} value={themes} onChange={setThemes} />
        <TermPicker label={t('log.forums')} terms={taxonomy?.forums ?? []} value={forums} onChange={setForums} />
      </div>
      <Select label={t('log.exchangeType')} value={exchangeType} onChange={setExchangeType} empty={t('log.notSet')} options={exchangeTypeOptions()} />
      <CounterpartPicker value={counterparts} onChange={setCounterparts} />
      <fieldset>
        <legend>{t('log.missionsTaking')}</legend>
        {hub.missions.map((m) => (
          <label key={m.id} className="check">
            <input type="checkbox" checked={missions.includes(m.code)} onChange={() => setMissions(missions.includes(m.code) ? missions.filter((x) => x !== m.code) : [...missions, m.code])} />
            {m.code}
          </label>
        ))}
      </fieldset>
      <Select label={t('log.partnershipOrDialogue')} value={partnership} onChange={setPartnership} empty={t('log.none')} options={partnershipOptions(taxonomy as RecordTaxonomy | null)} />
      <label className="check">
        <input type="checkbox" checked={crossCutting} onChange={(e) => setCrossCutting(e.target.checked)} />{t('log.crossVisible')}
      </label>
      {crossCutting && coordinates && <Select label={t('log.escalation')} value={escalation} onChange={setEscalation} options={escalationOptions()} />}
      <ScopePicker value={scope} onChange={setScope} choices={choices} />
      <div className="row">
        <button type="submit" className="primary">{initial ? t('common.save') : t('log.postExchange')}</button>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  )
}
