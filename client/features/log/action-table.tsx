import { useState, type FormEvent } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { actionKindLabel } from '../../i18n/records'
import { actionStatusLabel } from '../../i18n/statuses'
import { termLabelIn } from '../../i18n/terms'
import { ACTION_STATUSES, readLogItem, updateItem, type Action, type ActionStatus, type Exchange } from '../../../shared/log-doc'
import { canCoordinate } from '../../../shared/access'
import { type ActionKind } from '../../../shared/records'
import {
  actionKindOptions, CloseDialog, ggProjectOptions, OwnerPicker, partnershipOptions, StatusTimeline, type RecordTaxonomy,
} from './record-fields'
import { DEFAULT_SCOPE, type Scope } from '../../../shared/scopes'
import type { HubDetailView } from '../../../shared/schemas/hubs'
import type { Taxonomy } from '../../../shared/taxonomy'
import { TermPicker } from './term-picker'
import { plainOptions, Select } from '../../ui/select'
import { Table } from '../../ui/table'
import { ErrorBanner } from '../../ui/error-banner'
import { ScopeChip, ScopePicker, scopeOptions } from '../../ui/scope'
import type { LogViewProps, Scoped } from './use-log'
import { createEntry, saveEntry } from './save-entry'
import { entryAnchor } from '../../app/links'
import { RecordRefs } from '../references/record-refs'
import { formatDay } from '../../ui/format'
import { DayInput } from '../../ui/day-input'
import { ConfirmButton } from '../../ui/confirm'
import { useEscape } from '../../ui/use-escape'

type Props = LogViewProps<Action>

/** The statuses as options, in the interface language of the moment. */
const statusOptionsAll = () => ACTION_STATUSES.map((s) => ({ value: s, label: actionStatusLabel(s) }))
const today = () => new Date().toISOString().slice(0, 10)
export const isOverdue = (a: Action) => !!a.due && a.due < today() && a.status !== 'done' && a.status !== 'dropped'
type SortKey = 'title' | 'status' | 'due' | 'leadMission'

/** The action log as a table: inline status, overdue highlighted, sort, filter, side-panel editing. */
export function ActionTable({ docs, items, hub, me, mission, canWrite, taxonomy, counts, onDiscuss, focusId, onDelete }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'due', dir: 1 })
  const t = useT()
  const { language } = useLanguage()
  const [status, setStatus] = useState('')
  const [onlyOverdue, setOnlyOverdue] = useState(false)
  // "Create an action from this exchange": the exchange feed links here with `?from=<entry id>`.
  const [fromExchange] = useState<Exchange | null>(() => {
    const id = new URLSearchParams(window.location.search).get('from')
    const found = id ? (readLogItem(docs.shared.doc, id) ?? (docs.hubOnly ? readLogItem(docs.hubOnly.doc, id) : null)) : null
    return found?.kind === 'exchange' ? found : null
  })
  const [panel, setPanel] = useState<Scoped<Action> | 'new' | null>(fromExchange && canWrite ? 'new' : null)
  const [scope, setScope] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [closing, setClosing] = useState<{ action: Scoped<Action>; to: 'done' | 'dropped' } | null>(null)
  const coordinates = canCoordinate(me, hub.id)
  const setStatus_ = (a: Scoped<Action>, s: ActionStatus) => {
    if (s === 'done' || s === 'dropped') setClosing({ action: a, to: s })
    else updateItem(docs.docFor(a.scope), a.id, { status: s })
  }
  const rows = items
    .filter((a) => (!status || a.status === status) && (!onlyOverdue || isOverdue(a)) && (!scope || a.scope === scope))
    .sort((a, b) => String(a[sort.key] ?? '\uffff').localeCompare(String(b[sort.key] ?? '\uffff')) * sort.dir)
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}>
        {label}
      </button>
    </th>
  )
  return (
    <div className={panel ? 'with-panel' : ''}>
      <div>
        <div className="filters" role="group" aria-label={t('log.filterActions')}>
          <Select label={t('log.status')} value={status} onChange={setStatus} empty={t('log.allStatuses')} options={statusOptionsAll()} />
          <Select label={t('log.scope')} value={scope} onChange={setScope} empty={t('log.allScopes')} options={scopeOptions(docs.choices)} />
          <label className="check">
            <input type="checkbox" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} />{t('log.overdueOnly')}
          </label>
          {canWrite && <button type="button" className="primary" onClick={() => setPanel('new')}>{t('log.newAction')}</button>}
        </div>
        <ErrorBanner message={error} />
        <Table
          className="actions"
          caption={t('log.actions')}
          captionHidden
          head={
            <>
              {header('title', t('log.title'))}
              {header('status', t('log.status'))}
              {header('due', t('log.due'))}
              {header('leadMission', t('log.lead'))}
              <th scope="col">{t('log.kind')}</th>
              <th scope="col">{t('log.owner')}</th>
              <th scope="col">{t('log.takingPart')}</th>
              <th scope="col">{t('log.themes')}</th>
              <th scope="col"><span className="sr-only">{t('log.editAndComments')}</span></th>
            </>
          }
        >
          {rows.map((a) => (
            <tr key={a.id} id={entryAnchor(a.id)} tabIndex={-1} className={[isOverdue(a) && 'overdue', a.id === focusId && 'target'].filter(Boolean).join(' ')} data-testid="action-row">
              <td>
                {a.title || <em>{t('log.untitled')}</em>}
                <ScopeChip scope={a.scope} />
                {a.issues.length > 0 && <span className="chip warn" title={a.issues.join('; ')}>{t('log.needsAttention')}</span>}
                <RecordRefs partnership={a.partnership} ggProject={a.ggProject} names={taxonomy as RecordTaxonomy | null} />
              </td>
              <td>
                <Select
                  ariaLabel={t('log.statusOf', { title: a.title })}
                  value={a.status ?? ''}
                  // Only the hub's coordinators reopen a done or dropped action (the server refuses others).
                  disabled={!canWrite || ((a.status === 'done' || a.status === 'dropped') && !coordinates)}
                  onChange={(s) => setStatus_(a, s as ActionStatus)}
                  empty={a.status ? undefined : '?'}
                  options={statusOptionsAll()}
                />
              </td>
              <td>
                {a.due ? <time dateTime={a.due}>{formatDay(a.due)}</time> : '—'}
                {isOverdue(a) && <span className="chip warn">{t('log.overdue')}</span>}
              </td>
              <td>{a.leadMission ?? a.mission}</td>
              <td>{a.actionKind ? actionKindLabel(a.actionKind) : '—'}</td>
              <td>{hub.members.find((m) => m.userId === a.owner)?.name ?? '—'}</td>
              <td>{a.missions.join(', ')}</td>
              <td>{a.themes.map((th) => termLabelIn(taxonomy?.themes, th, language)).join(', ')}</td>
              <td>
                {canWrite && <button type="button" onClick={() => setPanel(a)} aria-label={t('log.editLabel', { title: a.title })}>{t('common.edit')}</button>}
                {canWrite && onDelete && (
                  <ConfirmButton label={t('log.deleteLabel', { title: a.title || t('log.untitled') })} message={t('log.deleteAction')} confirmLabel={t('common.delete')} text={t('common.delete')} onConfirm={() => onDelete(a)} className="danger" />
                )}
                <button type="button" onClick={() => onDiscuss(a.id)} aria-label={t('log.commentsLabel', { title: a.title, count: counts[a.id] ?? 0 })}>
                  {t('log.comments', { count: counts[a.id] ?? 0 })}
                </button>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">{t('log.noActions')}</td>
            </tr>
          )}
        </Table>
      </div>
      {panel && (
        <ActionPanel
          key={panel === 'new' ? 'new' : panel.id}
          initial={panel === 'new' ? null : panel}
          from={panel === 'new' ? fromExchange : null}
          coordinates={coordinates}
          hub={hub}
          taxonomy={taxonomy}
          mission={mission}
          choices={docs.choices}
          onClose={() => setPanel(null)}
          onSave={({ scope: to, ...v }) => {
            setError(null)
            if (panel === 'new') createEntry(docs, 'action', to, { ...v, mission, authorId: me.id })
            else saveEntry(docs, hub.id, panel, v, to).catch((err: Error) => setError(t('log.scopeFailed', { title: panel.title, error: err.message })))
            setPanel(null)
          }}
        />
      )}
      {closing && (
        <CloseDialog
          title={closing.action.title}
          to={closing.to}
          onCancel={() => setClosing(null)}
          onConfirm={(text) => {
            updateItem(docs.docFor(closing.action.scope), closing.action.id, closing.to === 'done' ? { status: 'done', outcome: text } : { status: 'dropped', dropReason: text })
            setClosing(null)
          }}
        />
      )}
    </div>
  )
}

interface ActionInput {
  title: string
  body: string
  status: ActionStatus
  due: string | null
  leadMission: string
  missions: string[]
  themes: string[]
  scope: Scope
  forums: string[]
  actionKind: ActionKind | null
  owner: string | null
  partnership: string | null
  ggProject: string | null
  sourceExchange: string | null
  outcome: string | null
  dropReason: string | null
}

function ActionPanel({ initial, from, coordinates, hub, taxonomy, mission, choices, onSave, onClose }: {
  initial: Scoped<Action> | null
  from: Exchange | null
  coordinates: boolean
  hub: HubDetailView
  taxonomy: Taxonomy | null
  mission: string
  choices: readonly Scope[]
  onSave: (v: ActionInput) => void
  onClose: () => void
}) {
  const [v, setV] = useState<ActionInput>({
    title: initial?.title ?? '',
    body: initial?.body ?? '',
    status: initial?.status ?? 'planned',
    due: initial?.due ?? null,
    leadMission: initial?.leadMission ?? mission,
    missions: initial?.missions ?? [],
    themes: initial?.themes ?? from?.themes ?? [],
    scope: initial?.scope ?? DEFAULT_SCOPE,
    forums: initial?.forums ?? from?.forums ?? [],
    actionKind: initial?.actionKind ?? null,
    owner: initial?.owner ?? null,
    partnership: initial?.partnership ?? from?.partnership ?? null,
    ggProject: initial?.ggProject ?? null,
    sourceExchange: initial?.sourceExchange ?? from?.id ?? null,
    outcome: initial?.outcome ?? null,
    dropReason: initial?.dropReason ?? null,
  })
  const t = useT()
  const closedBefore = initial?.status === 'done' || initial?.status === 'dropped'
  const statusOptions = closedBefore && !coordinates ? statusOptionsAll().filter((o) => o.value === initial?.status) : statusOptionsAll()
  const tax = taxonomy as RecordTaxonomy | null
  useEscape(onClose)
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault()
    onSave({ ...v, title: v.title.trim(), outcome: v.outcome?.trim() || null, dropReason: v.dropReason?.trim() || null })
  }
  return (
    <aside className="side-panel" aria-label={initial ? t('log.editAction') : t('log.newAction')}>
      <form onSubmit={handleSubmit}>
        <h2>{initial ? t('log.editAction') : t('log.newAction')}</h2>
        {from && <p className="muted small">{t('log.fromExchange', { title: from.title })}</p>}
        <label>
          {t('log.title')}
          <input value={v.title} onChange={(e) => setV({ ...v, title: e.target.value })} required maxLength={500} />
        </label>
        <label>
          {t('log.description')}
          <textarea value={v.body} onChange={(e) => setV({ ...v, body: e.target.value })} rows={3} />
        </label>
        <Select label={t('log.status')} value={v.status} onChange={(s) => setV({ ...v, status: s as ActionStatus })} options={statusOptions} />
        {v.status === 'done' && (
          <label>
            {t('log.outcome')}
            <textarea value={v.outcome ?? ''} onChange={(e) => setV({ ...v, outcome: e.target.value })} rows={2} required maxLength={5000} />
          </label>
        )}
        {v.status === 'dropped' && (
          <label>
            {t('log.dropReason')}
            <textarea value={v.dropReason ?? ''} onChange={(e) => setV({ ...v, dropReason: e.target.value })} rows={2} required maxLength={5000} />
          </label>
        )}
        <Select label={t('log.kind')} value={v.actionKind ?? ''} onChange={(k) => setV({ ...v, actionKind: (k || null) as ActionKind | null })} empty={t('log.notSet')} options={actionKindOptions()} />
        <OwnerPicker hub={hub} value={v.owner ?? ''} onChange={(owner) => setV({ ...v, owner: owner || null })} />
        <DayInput label={t('log.due')} value={v.due} onChange={(due) => setV({ ...v, due })} />
        <Select label={t('log.leadMission')} value={v.leadMission} onChange={(leadMission) => setV({ ...v, leadMission })} options={plainOptions(hub.missions.map((m) => m.code))} />
        <fieldset>
          <legend>{t('log.missionsTaking')}</legend>
          {hub.missions.map((m) => (
            <label key={m.id} className="check">
              <input
                type="checkbox"
                checked={v.missions.includes(m.code)}
                onChange={() => setV({ ...v, missions: v.missions.includes(m.code) ? v.missions.filter((x) => x !== m.code) : [...v.missions, m.code] })}
              />
              {m.code}
            </label>
          ))}
        </fieldset>
        <TermPicker label={t('log.themes')} terms={taxonomy?.themes ?? []} value={v.themes} onChange={(themes) => setV({ ...v, themes })} />
        <TermPicker label={t('log.forums')} terms={taxonomy?.forums ?? []} value={v.forums} onChange={(forums) => setV({ ...v, forums })} />
        <Select label={t('log.partnershipOrDialogue')} value={v.partnership ?? ''} onChange={(p) => setV({ ...v, partnership: p || null })} empty={t('log.none')} options={partnershipOptions(tax)} />
        <Select label={t('log.ggProject')} value={v.ggProject ?? ''} onChange={(g) => setV({ ...v, ggProject: g || null })} empty={t('log.none')} options={ggProjectOptions(tax)} />
        {initial && (initial.partnership || initial.ggProject) && (
          <p className="small" data-testid="action-refs">
            {t('refs.pages')} <RecordRefs partnership={initial.partnership} ggProject={initial.ggProject} names={tax} prefix />
          </p>
        )}
        <ScopePicker value={v.scope} onChange={(scope) => setV({ ...v, scope })} choices={choices} />
        <div className="row">
          <button type="submit" className="primary">{t('common.save')}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
      {initial && (
        <section aria-labelledby="timeline-title">
          <h3 id="timeline-title">{t('log.timeline')}</h3>
          <StatusTimeline history={initial.statusHistory} hub={hub} />
        </section>
      )}
    </aside>
  )
}
